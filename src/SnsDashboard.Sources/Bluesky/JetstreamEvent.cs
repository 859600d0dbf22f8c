using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Bluesky;

/// <summary>What one Jetstream message means for us.</summary>
public enum JetstreamEventKind
{
    /// <summary>A post to offer (create or update).</summary>
    Post,
    /// <summary>The author deleted a post.</summary>
    Delete,
    /// <summary>Handle changed: forget the cached profile.</summary>
    Identity,
    /// <summary>Account state changed (active false = taken down, deleted, …).</summary>
    Account,
    /// <summary>Deliberately skipped (other language, other collection, unknown kind).</summary>
    Dropped,
    /// <summary>Not understood (malformed JSON, missing fields).</summary>
    Rejected,
}

public readonly record struct JetstreamEvent(JetstreamEventKind Kind, long TimeUs, Post? Post = null, PostKey? Key = null, string? Did = null, string? Reason = null)
{
    public static JetstreamEvent Drop(long timeUs, string reason) => new(JetstreamEventKind.Dropped, timeUs, Reason: reason);
    public static JetstreamEvent Reject(long timeUs, string reason) => new(JetstreamEventKind.Rejected, timeUs, Reason: reason);
}
