using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;
using Radzen;
using SnsDashboard.Web.Api;
using SnsDashboard.Web.Components;
using SnsDashboard.Web.Components.Shared;
using SnsDashboard.Web.Hubs;
using SnsDashboard.Web.Reliability;
using SnsDashboard.Web.Ingest;

namespace SnsDashboard.Web.Hosting;

/// <summary>Builds the dashboard host. Program.cs runs it; end-to-end tests start it on a real
/// socket with their own settings.</summary>
public static class DashboardApp
{
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null)
    {
        // Content root = the binaries' folder, where the repository-root appsettings.json is
        // linked, so the host reads the one configuration file from any working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Explicit, so static web assets resolve when a test process hosts the app.
            ApplicationName = typeof(DashboardApp).Assembly.GetName().Name,
        });
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Japanese stays readable in the HTML; markup characters are still escaped.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRadzenComponents();
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddScoped<UiLabels>();
        builder.Services
            .AddDashboardStorage(builder.Configuration)
            .AddGlossary(builder.Configuration)
            .AddLive(builder.Configuration)
            .AddPipeline(builder.Configuration)
            .AddGazetteer(builder.Configuration)
            .AddGeolocation(builder.Configuration)
            .AddSources(builder.Configuration)
            .AddLiveSources(builder.Configuration)
            .AddDashboardAuth(builder.Configuration)
            .AddReliability(builder.Configuration)
            .AddLiveChanges()
            .AddMapLayers(builder.Configuration)
            .AddMapSync()
            .AddMapSnapshots(builder.Configuration);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(DashboardEndpoints.SupportedCultures[0])
                .AddSupportedCultures(DashboardEndpoints.SupportedCultures)
                .AddSupportedUICultures(DashboardEndpoints.SupportedCultures);
            // Japanese unless the user chose otherwise (cookie or ?culture=); the browser's
            // Accept-Language is deliberately ignored.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous(); // scripts and styles of the sign-in page
        app.MapDashboardEndpoints();
        app.MapReliabilityEndpoints();
        app.MapLayerEndpoints();
        app.MapPostExport();
        app.MapSnapshotApi();
        app.MapGlossaryEndpoints();
        app.MapWebhookIngest();
        app.MapGeoEndpoints();
        app.MapHub<PostsHub>(PostsHub.Path);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
