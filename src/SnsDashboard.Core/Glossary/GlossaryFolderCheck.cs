namespace SnsDashboard.Core.Glossary;

/// <summary>
/// The baseline folder (keyword-glossary/) compared with the published version. Once version 1 is
/// stored, edits to the folder never go live by themselves (analysts' published edits win); this
/// check says whether the folder has moved on, so the host can warn and an analyst can re-baseline.
/// </summary>
/// <param name="Dir">The folder that was read.</param>
/// <param name="PublishedVersion">The published version it was compared with (null: none yet).</param>
/// <param name="Diff">Published → folder, entry by entry; null when the folder could not be read or is invalid.</param>
/// <param name="Issues">Problems found in the folder (errors make it impossible to stage).</param>
public sealed record GlossaryFolderCheck(string Dir, int? PublishedVersion, GlossaryDiff? Diff, IReadOnlyList<GlossaryIssue> Issues)
{
    public bool FolderIsInvalid => Diff is null || Issues.Any(i => i.IsError);

    /// <summary>True when the folder holds something the published version does not (or cannot be read).</summary>
    public bool Differs => FolderIsInvalid || !Diff!.IsEmpty;

    /// <summary>"+3 terms, −1 terms, ~2 changed, +1 exclusions" — for logs and the page notice.</summary>
    public string Summary => Diff is not { } d
        ? $"{Issues.Count(i => i.IsError)} error(s) in the folder"
        : $"+{d.AddedTerms.Count} terms, −{d.RemovedTerms.Count} terms, ~{d.ChangedTerms.Count} changed, " +
          $"+{d.AddedExclusions.Count}/−{d.RemovedExclusions.Count} exclusions, +{d.AddedHashtags.Count}/−{d.RemovedHashtags.Count} hashtags";

    /// <summary>Reads and validates <paramref name="dir"/> and diffs it against <paramref name="published"/>.
    /// Never throws for a bad folder: a missing or invalid folder is reported in <see cref="Issues"/>.</summary>
    public static (GlossaryFolderCheck Check, GlossaryContent? Folder) Read(string dir, GlossaryContent? published, int? publishedVersion)
    {
        GlossarySnapshot? snapshot;
        IReadOnlyList<GlossaryIssue> issues;
        try { (snapshot, issues) = GlossaryLoader.ReadDirectory(dir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (new GlossaryFolderCheck(dir, publishedVersion, null, [GlossaryIssue.Error(dir, 0, null, e.Message)]), null);
        }
        if (snapshot is null) return (new GlossaryFolderCheck(dir, publishedVersion, null, issues), null);
        var folder = GlossaryContent.Of(snapshot);
        var diff = GlossaryDiff.Compare(published ?? new GlossaryContent("none", [], [], []), folder);
        return (new GlossaryFolderCheck(dir, publishedVersion, diff, issues), folder);
    }
}
