namespace SnsDashboard.Sources.X;

/// <summary>A rule we want on the stream (from the glossary's X rule compiler).</summary>
public sealed record XStreamRule(string Value, string Tag);

/// <summary>A rule as X has it (with X's id).</summary>
public sealed record XActiveRule(string Id, string Value, string? Tag);

/// <summary>Supplies the wanted rules; the lead wires this to the glossary's XRuleCompiler.
/// Null = no opinion: the rules on X are left as they are.</summary>
public interface IXRuleProvider
{
    IReadOnlyList<XStreamRule>? GetRules();
}

/// <summary>A fixed rule list (tests, configuration).</summary>
public sealed class FixedXRules(IReadOnlyList<XStreamRule>? rules) : IXRuleProvider
{
    public IReadOnlyList<XStreamRule>? GetRules() => rules;
}

/// <summary>The add/delete diff between the rules on X and the wanted rules. A rule is kept
/// only when value and tag both match: X cannot edit a tag, so a changed tag is delete + add.</summary>
public static class XRuleDiff
{
    public static (IReadOnlyList<string> DeleteIds, IReadOnlyList<XStreamRule> Add) Compute(IReadOnlyList<XActiveRule> active, IReadOnlyList<XStreamRule> wanted)
    {
        var wantedSet = wanted.Select(w => (w.Value, w.Tag)).ToHashSet();
        var kept = new HashSet<(string, string)>();
        var delete = new List<string>();
        foreach (var a in active)
        {
            var key = (a.Value, a.Tag ?? "");
            if (wantedSet.Contains(key) && kept.Add(key)) continue;
            delete.Add(a.Id); // unwanted, or a duplicate of a kept rule
        }
        var add = wanted.Where(w => !kept.Contains((w.Value, w.Tag))).DistinctBy(w => (w.Value, w.Tag)).ToList();
        return (delete, add);
    }
}
