using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay.Composing;

/// <summary>An author of composed posts: the platform they post on and their profile.</summary>
internal sealed record ComposerAuthor(string Source, PostAuthor Profile, AuthorRole Role)
{
    public string Handle => Profile.Handle ?? Profile.Id;
}

internal enum AuthorRole { Resident, RumourAccount, Official, Media }
