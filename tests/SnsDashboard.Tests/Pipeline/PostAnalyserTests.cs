using System.Diagnostics;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Pipeline;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Pipeline;

public class PostAnalyserTests
{
    private static PostAnalyser NewAnalyser() => new(new SnapshotHolder(new PipelineSnapshot(StarterGlossary, DemoGaz, Registry)));

    [Fact]
    public void Analyser_produces_the_full_record()
    {
        var analyser = NewAnalyser();
        var rescue = analyser.Analyse(Make("#救助 熊本市東区健軍本町2丁目 助けて！2階に取り残されています", id: "1"), Now);
        Assert.True(rescue.Relevant);
        Assert.Equal("rescue_request", rescue.Categories[0]);
        Assert.Equal(LocationLevels.Town, rescue.Location!.Level);
        Assert.Equal("健軍本町", rescue.Location.Town);
        Assert.Equal("F", rescue.Reliability.Source);
        Assert.Equal(3, rescue.Reliability.Credibility);
        Assert.Null(rescue.DuplicateOf);
        Assert.StartsWith("c-", rescue.ClaimId);
        Assert.Equal(ClaimStatuses.Unverified, rescue.ClaimStatus);

        var copy = analyser.Analyse(Make("#救助 熊本市東区健軍本町2丁目 助けて！2階に取り残されています", id: "2", author: "other"), Now);
        Assert.Equal("1", copy.DuplicateOf);
        Assert.Equal(rescue.ClaimId, copy.ClaimId);

        var drill = analyser.Analyse(Make("明日は市の総合防災訓練です", id: "3"), Now);
        Assert.False(drill.Relevant);
        Assert.Equal("総合防災訓練", drill.ExcludedBy);
        Assert.Null(drill.Location);
    }
}
