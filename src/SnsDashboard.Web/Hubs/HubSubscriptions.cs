using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using SnsDashboard.Core.Live;
using SnsDashboard.Web.Live;

namespace SnsDashboard.Web.Hubs;

/// <summary>Bus subscriptions of hub connections (hub instances are transient; this is not).</summary>
public sealed class HubSubscriptions(PostBus bus, IHubContext<PostsHub> hub) : IDisposable
{
    private readonly ConcurrentDictionary<string, IDisposable> _byConnection = new();

    public int Count => _byConnection.Count;

    public void Subscribe(string connectionId, PostFilter filter)
    {
        var client = hub.Clients.Client(connectionId);
        var sub = bus.Subscribe(filter, batch => client.SendAsync(PostsHub.PostsMethod, batch), changes => SendChangesAsync(client, changes));
        if (_byConnection.TryGetValue(connectionId, out var old)) old.Dispose();
        _byConnection[connectionId] = sub;
    }

    private static async Task SendChangesAsync(IClientProxy client, LiveChanges changes)
    {
        if (changes.Deleted.Count > 0) await client.SendAsync(PostsHub.DeletedMethod, changes.Deleted);
        if (changes.ClaimStatuses.Count > 0) await client.SendAsync(PostsHub.ClaimStatusMethod, changes.ClaimStatuses);
    }

    public void Remove(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var sub)) sub.Dispose();
    }

    public void Dispose()
    {
        foreach (var s in _byConnection.Values) s.Dispose();
        _byConnection.Clear();
    }
}
