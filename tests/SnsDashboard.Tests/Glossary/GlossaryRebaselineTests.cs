using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Tests.Storage;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Glossary;

/// <summary>Folder edits after version 1 is stored: detected, staged for review, never applied silently.</summary>
public class GlossaryRebaselineTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sns-glossary-folder", Guid.NewGuid().ToString("N"), "keyword-glossary");
    private SqliteGlossaryStore _store = null!;
    private SnapshotHolder _holder = null!;
    private GlossaryPublisher _publisher = null!;

    public async Task InitializeAsync()
    {
        await _temp.OpenAsync();
        _store = new SqliteGlossaryStore(_temp.Options());
        _holder = new SnapshotHolder(new PipelineSnapshot(GlossaryLoader.FromEntries("empty", []), DemoGaz, AccountRegistry.CreateDefault()));
        _publisher = new GlossaryPublisher(_store, _holder);
        Directory.CreateDirectory(_folder);
        foreach (var f in Directory.GetFiles(GlossaryDir(), "*.tsv")) File.Copy(f, Path.Combine(_folder, Path.GetFileName(f)));
    }

    public async Task DisposeAsync()
    {
        await _temp.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }

    private bool LiveMatches(string text) =>
        GlossaryMatcher.Match(Make(text), TextNormaliser.Normalise(text), _holder.Current.Glossary).Relevant;

    private void AddFolderTerm(string line) => File.AppendAllText(Path.Combine(_folder, "flooding.tsv"), line + "\n");

    [Fact]
    public async Task Unchanged_folder_does_not_differ_from_the_version_stored_from_it()
    {
        await _publisher.InitialiseAsync(_folder);
        var check = await GlossaryRebaseline.CheckAsync(_store, _folder);
        Assert.False(check.Differs, check.Summary);
        Assert.Equal(1, check.PublishedVersion);
    }

    [Fact]
    public async Task Folder_edit_after_v1_is_detected_at_restart_but_not_applied()
    {
        await _publisher.InitialiseAsync(_folder);
        AddFolderTerm("鉄砲水\theavy_rain_flood\t2.5\t-\t-\triver");

        var restarted = await new GlossaryPublisher(_store, _holder).InitialiseAsync(_folder);
        Assert.Equal(1, restarted.Version);                 // analysts' published version stays live
        Assert.False(LiveMatches("球磨川で鉄砲水が出た"));
        var check = await GlossaryRebaseline.CheckAsync(_store, _folder);
        Assert.True(check.Differs);
        Assert.Equal("鉄砲水", Assert.Single(check.Diff!.AddedTerms).Term);
        Assert.Contains("+1 terms", check.Summary);
    }

    [Fact]
    public async Task Staging_stores_an_unpublished_version_and_publishing_it_needs_a_comment_and_goes_live()
    {
        await _publisher.InitialiseAsync(_folder);
        AddFolderTerm("鉄砲水\theavy_rain_flood\t2.5\t-\t-\triver");

        var staged = await GlossaryRebaseline.StageAsync(_store, _folder, "analyst-1");
        Assert.Equal((2, GlossaryVersionKinds.StagedBaseline, false, 1),
            (staged.Staged!.Version, staged.Staged.Kind, staged.Staged.IsPublished, staged.Staged.BasedOn));
        Assert.Equal(1, (await _store.GetPublishedAsync())!.Value.Info.Version); // staging publishes nothing
        Assert.False(LiveMatches("球磨川で鉄砲水が出た"));

        var content = (await _store.GetAsync(2))!.Value.Content;
        Assert.False((await _publisher.PublishAsync(content, "analyst-1", "", GlossaryVersionKinds.Baseline, 2)).Published);
        var published = await _publisher.PublishAsync(content, "analyst-1", "folder update from HQ", GlossaryVersionKinds.Baseline, 2);
        Assert.Equal((3, GlossaryVersionKinds.Baseline, 2), (published.Version!.Version, published.Version.Kind, published.Version.BasedOn));
        Assert.True(LiveMatches("球磨川で鉄砲水が出た"));
        Assert.False((await GlossaryRebaseline.CheckAsync(_store, _folder)).Differs);
    }

    /// <summary>An appsettings.json pointing the CLI at this test's store.</summary>
    private string WriteConfig()
    {
        string config = Path.Combine(_temp.Dir, "appsettings.json");
        File.WriteAllText(config, $$"""{ "Storage": { "DataDir": {{System.Text.Json.JsonSerializer.Serialize(_temp.Dir)}} } }""");
        return config;
    }

    [Fact]
    public async Task Cli_rebaseline_stages_the_folder_in_the_configured_store_and_prints_the_diff()
    {
        await _publisher.InitialiseAsync(_folder);
        AddFolderTerm("鉄砲水\theavy_rain_flood\t2.5\t-\t-\triver");
        string config = WriteConfig();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        int code = await SnsDashboard.Cli.Commands.GlossaryCommand.RunAsync(["rebaseline", "--dir", _folder, "--config", config, "--author", "hq"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("staged", stdout.ToString());
        Assert.Contains("+ flooding\t鉄砲水", stdout.ToString());
        var staged = (await _store.ListAsync())[0];
        Assert.Equal((2, GlossaryVersionKinds.StagedBaseline, "hq", false), (staged.Version, staged.Kind, staged.Author, staged.IsPublished));
        Assert.Equal(1, (await _store.GetPublishedAsync())!.Value.Info.Version);

        AddFolderTerm("か\theavy_rain_flood\t2.5");
        Assert.Equal(1, await SnsDashboard.Cli.Commands.GlossaryCommand.RunAsync(["rebaseline", "--dir", _folder, "--config", config], new StringWriter(), stderr));
        Assert.Contains("flooding.tsv:", stderr.ToString());
        Assert.Equal(2, (await _store.ListAsync()).Count);
    }

    [Fact]
    public async Task Cli_publish_publishes_only_a_staged_version_with_a_comment()
    {
        await _publisher.InitialiseAsync(_folder);
        AddFolderTerm("鉄砲水\theavy_rain_flood\t2.5\t-\t-\triver");
        string config = WriteConfig();
        Task<int> Cli(TextWriter stdout, TextWriter stderr, params string[] args) =>
            SnsDashboard.Cli.Commands.GlossaryCommand.RunAsync(args, stdout, stderr);
        Assert.Equal(0, await Cli(new StringWriter(), new StringWriter(), "rebaseline", "--dir", _folder, "--config", config));

        // No comment, an unknown version, the live version 1: refused, nothing published.
        var stderr = new StringWriter();
        Assert.Equal(1, await Cli(new StringWriter(), stderr, "publish", "2", "--config", config));
        Assert.Contains("comment", stderr.ToString());
        Assert.Equal(1, await Cli(new StringWriter(), stderr, "publish", "9", "--comment", "x", "--config", config));
        Assert.Contains("version 9 does not exist", stderr.ToString());
        Assert.Equal(1, await Cli(new StringWriter(), stderr, "publish", "1", "--comment", "x", "--config", config));
        Assert.Contains("not a staged version", stderr.ToString());
        Assert.Equal(2, await Cli(new StringWriter(), new StringWriter(), "publish", "two", "--comment", "x", "--config", config));
        Assert.Equal(1, (await _store.GetPublishedAsync())!.Value.Info.Version);

        var stdout = new StringWriter();
        Assert.Equal(0, await Cli(stdout, stderr, "publish", "v2", "--comment", "球磨川の鉄砲水を追加", "--author", "hq", "--config", config));
        Assert.Contains("published version 2 as v3", stdout.ToString());
        var (info, content) = (await _store.GetPublishedAsync())!.Value;
        Assert.Equal((3, GlossaryVersionKinds.Baseline, 2, "hq", "球磨川の鉄砲水を追加"), (info.Version, info.Kind, info.BasedOn, info.Author, info.Comment));
        Assert.Contains(content.Terms, t => t.Term == "鉄砲水");
        Assert.False((await GlossaryRebaseline.CheckAsync(_store, _folder)).Differs);
        // The store now starts a dashboard on v3: a publisher initialised from it serves the new term.
        await new GlossaryPublisher(_store, _holder).InitialiseAsync(_folder);
        Assert.True(LiveMatches("球磨川で鉄砲水が出た"));
    }

    [Fact]
    public async Task Invalid_folder_stages_nothing_and_names_file_and_line()
    {
        await _publisher.InitialiseAsync(_folder);
        AddFolderTerm("か\theavy_rain_flood\t2.5\t-\t-\triver"); // one-character kana

        var staged = await GlossaryRebaseline.StageAsync(_store, _folder, "analyst-1");
        Assert.Null(staged.Staged);
        Assert.Contains(staged.Issues, i => i.IsError && i.File == "flooding.tsv" && i.Term == "か" && i.Line > 0);
        Assert.Single(await _store.ListAsync());
        Assert.True((await GlossaryRebaseline.CheckAsync(_store, _folder)).Differs); // an invalid folder is flagged too
    }
}
