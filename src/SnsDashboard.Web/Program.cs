using Microsoft.AspNetCore.Localization;
using Radzen;
using SnsDashboard.Web.Api;
using SnsDashboard.Web.Components;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Hubs;

// Content root = the binaries' folder, where the repository-root appsettings.json is linked,
// so the host reads the one configuration file from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddScoped<SnsDashboard.Web.Components.Shared.UiLabels>();
builder.Services
    .AddDashboardStorage(builder.Configuration)
    .AddLive(builder.Configuration)
    .AddPipeline(builder.Configuration)
    .AddSources(builder.Configuration);

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
app.UseAntiforgery();
app.MapStaticAssets();
app.MapDashboardEndpoints();
app.MapHub<PostsHub>(PostsHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

public partial class Program;
