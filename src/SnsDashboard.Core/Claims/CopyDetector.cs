using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Claims;

/// <summary>
/// Recognises copies (reposts and copy-pasted texts from other accounts) so they form one claim
/// and never count as independent confirmation. Holds the state of recent texts explicitly;
/// not thread-safe: the pipeline runs it on its single consumer.
/// </summary>
public sealed class CopyDetector
{
    public CopyVerdict Observe(Post post, NormalisedText text) => throw new NotImplementedException();
}

/// <summary><paramref name="DuplicateOf"/> is the source_post_id of the earlier copy, or null.</summary>
public sealed record CopyVerdict(string? DuplicateOf, string ClaimId);
