using System.Text;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Api;

/// <summary>Glossary downloads for analysts: any stored version as JSON, CSV (UTF-8 with BOM or
/// Shift_JIS for Excel), and the published version's X filtered-stream rules as JSON.</summary>
public static class GlossaryEndpoints
{
    public static void MapGlossaryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/glossary/export", async (string? format, int? version, IGlossaryStore store, CancellationToken ct) =>
        {
            var found = version is { } v ? await store.GetAsync(v, ct) : await store.GetPublishedAsync(ct);
            if (found is not { } g) return Results.NotFound(new { error = version is null ? "no published glossary" : $"version {version} does not exist" });
            string name = $"glossary-v{g.Info.Version}";
            return (format ?? "json") switch
            {
                "json" => Results.File(Encoding.UTF8.GetBytes(GlossaryFiles.ToJson(g.Content)), "application/json", name + ".json"),
                "csv" => Results.File(GlossaryFiles.ToCsvBytes(g.Content, shiftJis: false), "text/csv; charset=utf-8", name + ".csv"),
                "csv-sjis" => Results.File(GlossaryFiles.ToCsvBytes(g.Content, shiftJis: true), "text/csv; charset=shift_jis", name + "-sjis.csv"),
                _ => Results.BadRequest(new { error = "format must be json, csv or csv-sjis" }),
            };
        }).RequireAuthorization(DashboardPolicies.Analyst);

        app.MapGet("/api/glossary/x-rules", async (IGlossaryStore store, XRuleLimits limits, CancellationToken ct) =>
        {
            if (await store.GetPublishedAsync(ct) is not { } g) return Results.NotFound(new { error = "no published glossary" });
            var set = XRuleCompiler.Compile(g.Content, limits);
            return Results.Ok(new
            {
                version = g.Info.Version,
                limits = new { max_rules = limits.MaxRules, max_rule_length = limits.MaxRuleLength },
                rules = set.Rules.Select(r => new { value = r.Value, tag = r.Tag }),
                omitted = set.Omitted.Select(o => new { spelling = o.Spelling, category = o.Category, reason = o.Reason }),
            });
        }).RequireAuthorization(DashboardPolicies.Analyst);
    }
}
