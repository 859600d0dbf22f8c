using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Storage;

namespace SnsDashboard.Web.Components.Pages.Glossary;

public partial class GlossaryPage
{
    private static readonly string[] Tabs = ["Terms", "BulkPaste", "Preview", "History", "Precision", "ImportExport", "XRules"];
    private static readonly IReadOnlyList<string> CategoryIds = [.. Taxonomy.Categories, GlossaryTerm.HazardOnly];
    private const int MaxPreviewPosts = 20_000;
    private const long MaxImportBytes = 5 * 1024 * 1024;

    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    private readonly GlossaryDraft _draft = new();
    private string _tab = "Terms";
    private string? _query, _category;
    private TermForm? _form;
    private GlossaryTerm? _editing;
    private string _newExclusion = "", _newExclusionKind = ExclusionKinds.Drill;
    private string _paste = "", _pasteCategory = Taxonomy.Categories[0];
    private int _hours = 24;
    private GlossaryPreviewResult? _preview;
    private string _comment = "";
    private IReadOnlyList<GlossaryVersionInfo> _history = [];
    private int _diffA, _diffB;
    private GlossaryDiff? _diff;
    private GlossaryDiff? _stagedDiff;
    private int _precisionHours = 24;
    private IReadOnlyList<TermPrecision>? _precision;
    private IReadOnlyList<GlossaryIssue> _issues = [];
    private string? _message;
    private bool _messageIsError;

    protected override async Task OnInitializedAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        if (await Store.GetPublishedAsync() is { } published) _draft.Load(published.Content, published.Info.Version);
        _history = await Store.ListAsync();
        _diffB = _history.FirstOrDefault()?.Version ?? 0;
        _diffA = _history.Skip(1).FirstOrDefault()?.Version ?? _diffB;
    }

    private string CategoryLabel(string id) => id == GlossaryTerm.HazardOnly ? T["HazardOnly"] : L.Category(id);

    private void Say(string message, bool error, IReadOnlyList<GlossaryIssue>? issues = null)
    {
        _message = message;
        _messageIsError = error;
        _issues = issues ?? [];
    }

    private void StartAdd() { _editing = null; _form = new TermForm { Category = _category is { Length: > 0 } c ? c : Taxonomy.Categories[0] }; }

    private void StartEdit(GlossaryTerm t) { _editing = t; _form = TermForm.From(t); }

    private void SaveTerm()
    {
        if (_form is null) return;
        var problems = _draft.Upsert(_editing, _form);
        if (problems.Count > 0) { Say(string.Join(" / ", problems), true); return; }
        Say($"{_form.Term}: {T["Save"]} ({T["Unsaved"]})", false);
        _form = null;
    }

    private void AddExclusion() { _draft.AddExclusion(_newExclusion, _newExclusionKind); _newExclusion = ""; }

    private void Paste()
    {
        var issues = _draft.Paste(_paste, _pasteCategory);
        if (issues.Any(i => i.IsError)) { Say(T["Refused"], true, issues); return; }
        Say($"{T["BulkPaste"]}: OK", false, issues);
        _paste = "";
    }

    private async Task DiscardAsync() { await ReloadAsync(); _stagedDiff = null; Say(T["Discard"], false); }

    private async Task PreviewAsync()
    {
        var issues = GlossaryValidator.Validate(_draft.ToContent());
        if (issues.Any(i => i.IsError)) { Say(T["Refused"], true, issues); return; }
        var now = Time.GetUtcNow();
        var posts = await Posts.QueryAsync(new PostQuery { From = now.AddHours(-Math.Clamp(_hours, 1, 720)), To = now, Limit = MaxPreviewPosts });
        _preview = GlossaryPreview.Compare(posts, Snapshots.Current.Glossary, GlossaryLoader.Build(_draft.ToContent()));
        Say($"{T["Preview"]}: {_preview.PostsScanned} {T["Scanned"]}", false, issues);
    }

    private async Task<string> AuthorAsync() =>
        Auth is null ? "unknown" : (await Auth).User.Identity?.Name ?? "unknown";

    private async Task PublishAsync()
    {
        var result = await Publisher.PublishAsync(_draft.ToContent(), await AuthorAsync(), _comment, _draft.Kind, _draft.BasedOn);
        if (!result.Published) { Say(T["Refused"], true, result.Issues); return; }
        _comment = "";
        _preview = null;
        _stagedDiff = null;
        await ReloadAsync();
        await Folder.RefreshAsync(Store);
        Say($"{T["PublishedOk"]}: v{result.Version!.Version}", false);
    }

    private async Task RollbackAsync(int version)
    {
        var result = await Publisher.RollbackAsync(version, await AuthorAsync(), string.IsNullOrWhiteSpace(_comment) ? $"rollback to v{version}" : _comment);
        if (!result.Published) { Say(T["Refused"], true, result.Issues); return; }
        _comment = "";
        await ReloadAsync();
        Say($"{T["PublishedOk"]}: v{result.Version!.Version} ({T["Rollback"]} v{version})", false);
    }

    /// <summary>The folder notice's counts in the UI language (GlossaryFolderCheck.Summary is the log's English).</summary>
    private string FolderSummary(GlossaryFolderCheck folder) => folder.Diff is not { } d
        ? T["FolderErrors", folder.Issues.Count(i => i.IsError)]
        : T["FolderSummary", d.AddedTerms.Count, d.RemovedTerms.Count, d.ChangedTerms.Count,
            d.AddedExclusions.Count, d.RemovedExclusions.Count, d.AddedHashtags.Count, d.RemovedHashtags.Count];

    /// <summary>Stages the baseline folder as a draft version and opens it for review; nothing goes live until published.</summary>
    private async Task RebaselineAsync()
    {
        var result = await GlossaryRebaseline.StageAsync(Store, Folder.BaselineDir, await AuthorAsync());
        if (result.Staged is not { } staged) { Say(T["Refused"], true, result.Issues); return; }
        await ReviewStagedAsync(staged.Version);
        Say($"{T["StagedOk"]}: v{staged.Version}", false, result.Issues);
    }

    private async Task ReviewStagedAsync(int version)
    {
        if (await Store.GetAsync(version) is not { } staged) return;
        var published = await Store.GetPublishedAsync();
        _draft.LoadStaged(staged.Content, version);
        _stagedDiff = GlossaryDiff.Compare(published?.Content ?? new GlossaryContent("none", [], [], []), staged.Content);
        _comment = "";
        _preview = null;
        _history = await Store.ListAsync();
        _tab = "Preview";
    }

    private async Task PrecisionAsync()
    {
        var now = Time.GetUtcNow();
        _precision = TermPrecisionReport.WorstFirst(await Stats.TermMarkCountsAsync(now.AddHours(-Math.Clamp(_precisionHours, 1, 8760)), now));
    }

    private async Task DiffAsync()
    {
        var a = await Store.GetAsync(_diffA);
        var b = await Store.GetAsync(_diffB);
        _diff = a is { } x && b is { } y ? GlossaryDiff.Compare(x.Content, y.Content) : null;
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (e.File.Size > MaxImportBytes) { Say($"{e.File.Name}: > {MaxImportBytes / 1024 / 1024} MB", true); return; }
        using var buffer = new MemoryStream();
        await e.File.OpenReadStream(MaxImportBytes).CopyToAsync(buffer);
        var issues = _draft.Import(e.File.Name, buffer.ToArray());
        if (issues.Any(i => i.IsError)) { Say(T["Refused"], true, issues); return; }
        Say($"{e.File.Name}: {T["Imported"]}", false, issues);
        _tab = "Terms";
    }
}
