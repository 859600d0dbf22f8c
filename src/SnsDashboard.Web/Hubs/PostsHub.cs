using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using SnsDashboard.Web.Security;
using SnsDashboard.Core.Live;

namespace SnsDashboard.Web.Hubs;

/// <summary>
/// <c>/hubs/posts</c>: a filtered live stream for other systems. A client calls
/// <c>Subscribe(filter)</c> (again to change the filter) and receives <c>posts</c> messages, each
/// an array of analysed posts (snake_case, the same shape as the analyze command's output);
/// <c>deleted</c> messages (an array of <c>{source, source_post_id}</c> deleted at their source:
/// drop them) and <c>claim_status</c> messages (an array of <c>{claim_id, from, to, reason, at, by}</c>).
/// Signed-in browsers use their cookie; other systems an API key (see README).
/// </summary>
[Authorize(Policy = DashboardPolicies.Operator)]
public sealed class PostsHub(HubSubscriptions subscriptions) : Hub
{
    public const string Path = "/hubs/posts";
    public const string PostsMethod = "posts";
    public const string DeletedMethod = "deleted";
    public const string ClaimStatusMethod = "claim_status";

    public Task Subscribe(PostFilter? filter)
    {
        subscriptions.Subscribe(Context.ConnectionId, filter ?? PostFilter.Relevant);
        return Task.CompletedTask;
    }

    public Task Unsubscribe()
    {
        subscriptions.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
