using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Sources.X;

namespace SnsDashboard.Web.Hosting;

/// <summary>The X filtered-stream rules wanted right now: the live glossary compiled within the
/// configured limits. Compiled again only when a new glossary version has been published, so the
/// X connector's rule sync (before each connection) sees an analyst's publish on its next connect.</summary>
public sealed class PublishedGlossaryXRules(SnapshotHolder snapshots, XRuleLimits limits) : IXRuleProvider
{
    private (string Version, IReadOnlyList<XStreamRule> Rules)? _compiled;

    public IReadOnlyList<XStreamRule> GetRules()
    {
        var glossary = snapshots.Current.Glossary;
        if (_compiled is { } c && c.Version == glossary.Version) return c.Rules;
        var rules = XRuleCompiler.Compile(GlossaryContent.Of(glossary), limits).Rules
            .Select(r => new XStreamRule(r.Value, r.Tag)).ToArray();
        _compiled = (glossary.Version, rules);
        return rules;
    }
}
