using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Storage;
using SnsDashboard.Core.Text;
using SnsDashboard.Storage.Sqlite;
using SnsDashboard.Web.Hosting;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.EndToEnd;

/// <summary>A dashboard whose store already holds v1 of the glossary folder, and whose folder was
/// edited afterwards (a term added) — the situation of a restart after someone edited keyword-glossary/.</summary>
public sealed class EditedGlossaryFolderFixture : BrowserFixture
{
    public string Folder { get; } = Path.Combine(Directory.CreateTempSubdirectory("sns-glossary-folder-").FullName, "keyword-glossary");

    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareAsync()
    {
        string dataDir = Directory.CreateTempSubdirectory("sns-e2e-rebaseline-").FullName;
        Directory.CreateDirectory(Folder);
        foreach (var f in Directory.GetFiles(Path.Combine(ConfigPaths.Root, "keyword-glossary"), "*.tsv"))
            File.Copy(f, Path.Combine(Folder, Path.GetFileName(f)));
        var options = new SqliteStoreOptions { DataDir = dataDir };
        await using (var posts = new SqlitePostStore(options)) await posts.InitialiseAsync();
        await new SqliteGlossaryStore(options).AddPublishedAsync(GlossaryContent.Of(GlossaryLoader.LoadDirectory(Folder)),
            "system", "baseline from keyword-glossary", GlossaryVersionKinds.Baseline, null);
        File.AppendAllText(Path.Combine(Folder, "flooding.tsv"), "鉄砲水\theavy_rain_flood\t2.5\t-\t-\triver\n");
        return new Dictionary<string, string?> { ["Storage:DataDir"] = dataDir, ["Pipeline:GlossaryDir"] = Folder };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true); } catch (IOException) { }
    }
}

public class GlossaryRebaselinePageTests(EditedGlossaryFolderFixture fx) : IClassFixture<EditedGlossaryFolderFixture>
{
    private static Task ShotAsync(IPage page, string name) => GlossaryPageTests.ShotAsync(page, name);
    private bool LiveRelevant(string text) => GlossaryPageTests.LiveRelevant(fx.App, text);
    private static Task ClickUntilAsync(ILocator button, ILocator appears) => GlossaryPageTests.ClickUntilAsync(button, appears);

    [Fact]
    public async Task Edited_folder_is_flagged_at_start_staged_on_request_and_only_goes_live_when_published()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        var store = fx.App.Services.GetRequiredService<IGlossaryStore>();
        Assert.True(fx.App.Services.GetRequiredService<GlossaryFolderStatus>().Latest?.Differs); // checked by the start-up step
        Assert.Equal(1, (await store.GetPublishedAsync())!.Value.Info.Version);
        Assert.False(LiveRelevant("球磨川で鉄砲水が出た"));

        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "glossary");
        await Assertions.Expect(page.GetByTestId("folder-notice")).ToContainTextAsync("用語 +1 / −0");
        await ShotAsync(page, "glossary-folder-notice");

        await ClickUntilAsync(page.GetByTestId("rebaseline"), page.GetByTestId("staged-diff"));
        await Assertions.Expect(page.GetByTestId("staged-diff")).ToContainTextAsync("+ 鉄砲水");
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v1");
        Assert.False(LiveRelevant("球磨川で鉄砲水が出た")); // staged, not published
        var staged = (await store.ListAsync())[0];
        Assert.Equal((2, GlossaryVersionKinds.StagedBaseline, false), (staged.Version, staged.Kind, staged.IsPublished));
        await ShotAsync(page, "glossary-rebaseline-staged");

        await page.Locator("input[name=publish-comment]").FillAsync("フォルダの更新（鉄砲水）を反映");
        await page.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(page.GetByTestId("published-version")).ToContainTextAsync("v3");
        Assert.True(LiveRelevant("球磨川で鉄砲水が出た"));
        var published = (await store.ListAsync())[0];
        Assert.Equal((GlossaryVersionKinds.Baseline, 2, "フォルダの更新（鉄砲水）を反映"), (published.Kind, published.BasedOn, published.Comment));
        await Assertions.Expect(page.GetByTestId("folder-notice")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task Precision_tab_lists_terms_worst_first_from_operators_marks()
    {
        var now = DateTimeOffset.UtcNow;
        AnalysedPost Stored(string id, string text, string term, string category) => TestPosts.Analysed(TestPosts.Make(id, text, now.AddMinutes(-5)),
            new PostAnalysis { Relevant = true, Categories = [category], Matches = [new TermMatch(term, category, 0, term.Length)] });
        await fx.App.Services.GetRequiredService<IPostStore>().AppendAsync(
        [
            Stored("prec-1", "炎上してる", "燃えてる", "fire"), Stored("prec-2", "燃えてる試合", "燃えてる", "fire"),
            Stored("prec-3", "停電中", "停電", "lifeline_power"),
        ]);
        var marks = fx.App.Services.GetRequiredService<SqliteReliabilityStore>();
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "prec-1", MarkKinds.False, "op", now));
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "prec-2", MarkKinds.False, "op", now));
        marks.AddMark(new OperatorMark(MarkKinds.Post, "x", "prec-3", MarkKinds.Confirmed, "op", now));

        var page = await fx.NewPageAsync("analyst");
        await page.GotoAsync(fx.App.BaseAddress + "glossary");
        await ClickUntilAsync(page.GetByTestId("tab-Precision"), page.GetByTestId("run-precision"));
        await ClickUntilAsync(page.GetByTestId("run-precision"), page.GetByTestId("term-precision"));
        var rows = page.GetByTestId("term-precision").Locator("tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("燃えてる");
        await Assertions.Expect(rows.First).ToContainTextAsync("0%");
        await Assertions.Expect(page.GetByTestId("term-precision")).ToContainTextAsync("停電");
        await ShotAsync(page, "glossary-term-precision");
    }
}
