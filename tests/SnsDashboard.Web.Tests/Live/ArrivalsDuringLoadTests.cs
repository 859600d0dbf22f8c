using SnsDashboard.Core.Analysis;
using SnsDashboard.Web.Live;
using SnsDashboard.Web.Tests.TestSupport;

namespace SnsDashboard.Web.Tests.Live;

public class ArrivalsDuringLoadTests
{
    private static AnalysedPost Post(string id) => TestPosts.Analysed(TestPosts.Make(id, "#救助 " + id), new PostAnalysis());

    [Fact]
    public void Posts_arriving_during_a_load_are_held_and_handed_over_once_at_its_end()
    {
        var arrivals = new ArrivalsDuringLoad();
        arrivals.Begin();
        Assert.True(arrivals.TryHold([Post("a")]));
        Assert.True(arrivals.TryHold([Post("b"), Post("c")]));

        Assert.Equal(["a", "b", "c"], arrivals.End().Select(p => p.Post.SourcePostId));
        Assert.Empty(arrivals.End());
    }

    [Fact]
    public void Outside_a_load_nothing_is_held()
    {
        var arrivals = new ArrivalsDuringLoad();
        Assert.False(arrivals.TryHold([Post("a")]));
        arrivals.Begin();
        arrivals.End();
        Assert.False(arrivals.TryHold([Post("b")]));
        Assert.Empty(arrivals.End());
    }
}
