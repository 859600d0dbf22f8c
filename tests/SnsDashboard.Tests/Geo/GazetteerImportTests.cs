using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Geo.Import;
using SnsDashboard.Tests.TestSupport;
using Xunit.Abstractions;

namespace SnsDashboard.Tests.Geo;

public class GazetteerImportTests(ITestOutputHelper output)
{
    [Fact]
    public void Shared_official_data_builds_a_complete_gazetteer()
    {
        var result = SharedData.FullResult;
        output.WriteLine(result.Summary);
        foreach (var i in result.Issues.Take(40)) output.WriteLine(i.ToString());
        var g = Assert.IsType<Gazetteer>(result.Gazetteer);
        Assert.Equal(47, g.Places.Count(p => p.Kind == PlaceKind.Prefecture));
        Assert.True(g.Places.Count(p => p.Kind == PlaceKind.Town && p.Koaza is null) > 180_000);
        Assert.Equal("431001", g.FindMunicipality("431028")!.ParentCode);
        Assert.DoesNotContain(result.Issues, i => i.Fatal);
    }
}
