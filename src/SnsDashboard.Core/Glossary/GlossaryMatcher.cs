using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Glossary;

/// <summary>Finds glossary terms in a post (pure).</summary>
public static class GlossaryMatcher
{
    public static GlossaryResult Match(Post post, NormalisedText text, GlossarySnapshot glossary) => throw new NotImplementedException();
}
