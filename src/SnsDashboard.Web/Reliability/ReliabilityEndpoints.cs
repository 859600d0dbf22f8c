using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Security;

namespace SnsDashboard.Web.Reliability;

/// <summary>HTTP endpoints of reliability: the registry CSV download (analysts) and a claim's
/// status, counts and history with English reasons (operators and systems).</summary>
public static class ReliabilityEndpoints
{
    public static IEndpointRouteBuilder MapReliabilityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/registries/export.csv", (RegistryService registry) =>
                Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(registry.Export())).ToArray(),
                    "text/csv; charset=utf-8", $"registry-v{registry.Version}.csv"))
            .RequireAuthorization(DashboardPolicies.Analyst);

        app.MapGet("/api/claims/{id}", (string id, ClaimStatusBoard board, SqliteReliabilityStore store) =>
            {
                var view = board.Find(id);
                var history = store.ClaimHistory(id);
                if (view is null && history.Count == 0 && board.DecisionFor(id) is null) return Results.NotFound();
                return Results.Json(new
                {
                    claim_id = id,
                    status = board.StatusOf(id, history.LastOrDefault()?.To ?? ClaimStatuses.Unverified),
                    reason = view?.StatusReason is { } r ? ReasonCatalog.ToEnglish(r) : null,
                    posts = view?.Posts, copies = view?.Copies, independent_authors = view?.IndependentAuthors,
                    contradictions = view?.Contradictions, label = view?.Label,
                    history = history.Select(h => new { h.From, h.To, reason = h.Reason is null ? null : ReasonCatalog.ToEnglish(h.Reason), h.At, by = h.By }),
                });
            })
            .RequireAuthorization(DashboardPolicies.Operator);
        return app;
    }
}
