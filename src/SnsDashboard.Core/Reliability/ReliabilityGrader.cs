using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Reliability;

/// <summary>Grades a post on two axes (source A–F, credibility 1–6) with reasons (pure).</summary>
public static class ReliabilityGrader
{
    public static ReliabilityGrade Grade(Post post, NormalisedText text, GlossaryResult glossary, PostLocation? location,
        AccountRegistry registry, DateTimeOffset now) => throw new NotImplementedException();
}
