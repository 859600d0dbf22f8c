using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SnsDashboard.Core.Ingest;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Tests.Ingest;

public class WebhookIngestorTests
{
    private static string Post(string id) =>
        $$$"""{"schema_version":"1","source":"webhook:cityform","source_post_id":"{{{id}}}","text":"冠水","created_at":"2026-07-05T12:20:00+09:00","author":{"id":"a"}}""";

    private static (WebhookIngestor Ingestor, WebhookClient Client, IngestQueue Queue) Create(int capacity)
    {
        var pipeline = new PipelineOptions { QueueCapacity = capacity, CriticalWaitMs = 0 };
        var queue = new IngestQueue(pipeline, new PipelineMetrics(), TimeProvider.System, NullLogger<IngestQueue>.Instance);
        var options = new WebhookOptions { Enabled = true, RetryAfterSeconds = 7 };
        var client = new WebhookClient(new WebhookClientOptions { Name = "cityform", Token = "t" });
        return (new WebhookIngestor(queue, queue, pipeline, options, TimeProvider.System), client, queue);
    }

    [Fact]
    public async Task A_batch_that_does_not_fit_in_the_queue_gets_429_with_retry_after_and_nothing_is_taken()
    {
        var (ingestor, client, queue) = Create(capacity: 3);
        var body = Encoding.UTF8.GetBytes("{\"posts\":[" + string.Join(",", Enumerable.Range(0, 4).Select(i => Post("q" + i))) + "]}");
        var outcome = await ingestor.IngestAsync(client, body, default);
        Assert.Equal(429, outcome.StatusCode);
        Assert.Equal(7, outcome.RetryAfterSeconds);
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task A_batch_that_fits_is_queued_and_counted_on_the_senders_health()
    {
        var (ingestor, client, queue) = Create(capacity: 10);
        var body = Encoding.UTF8.GetBytes("{\"posts\":[" + Post("a") + "," + Post("b") + "]}");
        var outcome = await ingestor.IngestAsync(client, body, default);
        Assert.Equal(202, outcome.StatusCode);
        Assert.Equal(2, queue.Depth);
        Assert.Equal(2, client.Health.Received);
    }
}
