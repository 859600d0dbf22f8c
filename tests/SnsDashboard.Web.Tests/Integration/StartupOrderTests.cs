using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Reliability;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Integration;

/// <summary>Start-up steps that the first post depends on run before the pipeline takes it.</summary>
public class StartupOrderTests
{
    [Fact]
    public void Registry_loader_and_author_memory_restore_start_before_the_pipeline()
    {
        using var factory = new DashboardFactory();
        var order = factory.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        int pipeline = order.IndexOf(typeof(PipelineHost));
        Assert.True(pipeline > 0, "the pipeline host is registered");
        Assert.InRange(order.IndexOf(typeof(ReliabilityStartup)), 0, pipeline - 1);
        Assert.InRange(order.IndexOf(typeof(AuthorContextStartup)), 0, pipeline - 1);
    }

    [Fact]
    public void A_step_registered_before_or_after_the_pipeline_still_starts_first()
    {
        var before = new ServiceCollection().AddHostedServiceBeforePipeline<StepA>();
        before.AddHostedService<PipelineHost>();
        var after = new ServiceCollection();
        after.AddHostedService<PipelineHost>();
        after.AddHostedServiceBeforePipeline<StepA>();

        foreach (var services in new[] { before, after })
        {
            var types = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType).ToList();
            Assert.Equal([typeof(StepA), typeof(PipelineHost)], types);
        }
    }

    private sealed class StepA : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
