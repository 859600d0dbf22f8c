using System.Diagnostics;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Claims;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Reliability;
using SnsDashboard.Core.Text;
using SnsDashboard.Sources.Replay.Composing;

namespace SnsDashboard.Benchmarks.Load;

/// <summary>
/// Where the analysis CPU goes, stage by stage, on the load test's synthetic posts. Each stage runs
/// as its own pass over all posts (its inputs computed by the passes before it), timed with the
/// thread's CPU clock, with the bytes it allocates and the GC pauses during the pass. Stages run in
/// the pipeline's order, so the stateful ones (copies, claims) see the same stream as in the
/// pipeline. The last passes are the whole analyser (for the sum check) and the JSON encoding the
/// store does per post. CPU time, unlike wall time, hardly moves with the machine's load.
/// </summary>
public static class StageCostTest
{
    public static int Run(string[] args)
    {
        int posts = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 2;
        var input = SyntheticPostGenerator.Generate(20_000, (posts + 20_000 * 60 - 1) / (20_000 * 60), DateTimeOffset.UtcNow, 42).Take(posts).ToArray();
        var snapshot = PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"));
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"# stage-cost: {input.Length:N0} synthetic posts, {rounds} rounds, {DateTime.UtcNow:O}");
        for (var round = 1; round <= rounds; round++)
        {
            var n = input.Length;
            var texts = new NormalisedText[n];
            var glossaries = new GlossaryResult[n];
            var locations = new PostLocation?[n];
            var denials = new DenialSignal[n];
            var grades = new ReliabilityGrade[n];
            var copies = new CopyVerdict[n];
            var claims = new ClaimOutcome[n];
            var finals = new ReliabilityGrade[n];
            var records = new PostAnalysis[n];
            var copyDetector = new CopyDetector();
            var claimTracker = new ClaimTracker(new ClaimStatusBoard());
            var rows = new List<(string Stage, double Us, double Bytes, double GcMs)>();
            void Pass(string stage, Action<int> body)
            {
                var gc0 = GC.GetTotalPauseDuration();
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var c0 = ThreadCpu.Nanoseconds();
                for (var i = 0; i < n; i++) body(i);
                var us = (ThreadCpu.Nanoseconds() - c0) / 1000.0 / n;
                rows.Add((stage, us, (GC.GetAllocatedBytesForCurrentThread() - a0) / (double)n, (GC.GetTotalPauseDuration() - gc0).TotalMilliseconds));
            }
            GC.Collect();
            Pass("normalise", i => texts[i] = TextNormaliser.Normalise(input[i].Text));
            Pass("glossary match", i => glossaries[i] = GlossaryMatcher.Match(input[i], texts[i], snapshot.Glossary));
            Pass("geolocate", i => locations[i] = TextGeolocator.Locate(input[i], texts[i], snapshot.Gazetteer));
            Pass("denial detect", i => denials[i] = DenialDetector.Detect(texts[i].Value));
            Pass("grade", i => grades[i] = ReliabilityGrader.Grade(input[i], texts[i], glossaries[i], locations[i], snapshot.Registry, snapshot.TrackRecords, denials[i], now));
            Pass("copy detection", i => copies[i] = copyDetector.Observe(input[i], texts[i]));
            Pass("claims", i => claims[i] = claimTracker.Observe(input[i], texts[i], PostAnalyser.ClaimTopics(glossaries[i], denials[i]), locations[i], grades[i], denials[i], copies[i]));
            Pass("score model", i => finals[i] = snapshot.Model.Apply(input[i], texts[i], claims[i].Grade));
            Pass("record build", i => records[i] = new PostAnalysis
            {
                Relevant = glossaries[i].Relevant, Categories = glossaries[i].Categories, Hazards = glossaries[i].Hazards,
                Matches = glossaries[i].Matches, ExcludedBy = glossaries[i].ExcludedBy, Location = locations[i], Reliability = finals[i],
                DuplicateOf = claims[i].DuplicateOf, ClaimId = claims[i].ClaimId, ClaimStatus = claims[i].Status,
            });
            var stageSum = rows.Sum(r => r.Us);
            var analyser = new PostAnalyser(new SnapshotHolder(snapshot));
            Pass("whole analyser (check)", i => records[i] = analyser.Analyse(input[i], now));
            Pass("JSON: post (text blanked)", i => CompactJsonEncoder.Encode(input[i], withoutText: true));
            Pass("JSON: analysis", i => CompactJsonEncoder.Encode(records[i]));
            // The serializer's reflection path (what the store used before; full form, nulls included) for comparison.
            Pass("JSON serializer: post", i => PostJson.SerializeToUtf8(input[i] with { Text = "" }));
            Pass("JSON serializer: analysis", i => PostJson.SerializeToUtf8(records[i]));

            Console.WriteLine($"round {round}: stage, CPU µs/post, share of stage sum, allocated B/post, GC pause ms in pass; load {File.ReadAllText("/proc/loadavg").Trim()}");
            foreach (var (stage, us, bytes, gc) in rows)
                Console.WriteLine($"  {stage,-26} {us,7:0.00} µs {(rows.IndexOf((stage, us, bytes, gc)) < 9 ? $"{us * 100 / stageSum,5:0.0} %" : "       ")} {bytes,8:N0} B {gc,7:N0} ms");
            Console.WriteLine($"RESULT stage-cost round {round}: stage sum {stageSum:0.0} µs/post, whole analyser {rows[9].Us:0.0} µs/post, JSON (store encoder) {rows[10].Us + rows[11].Us:0.0} µs/post, serializer {rows[12].Us + rows[13].Us:0.0} µs/post");
        }
        return 0;
    }
}
