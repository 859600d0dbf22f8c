using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SnsDashboard.Benchmarks.Load;
using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Configuration;
using SnsDashboard.Core.Pipeline;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Storage;
using SnsDashboard.Sources.Replay.Composing;
using SnsDashboard.Storage.Sqlite;

namespace SnsDashboard.Benchmarks.Storage;

/// <summary>
/// `store-read [posts] [rounds]`: the live map's load from the store, attributed. A fresh store is
/// filled with analysed synthetic posts (real stages, the pipeline's batches), then the map's query
/// (relevant, placed, newest first) is read for ~7,000 and ~35,000 rows in steps: SQLite stepping and
/// column reads alone; + the post document decoded; + the analysis decoded — each with the serializer
/// (the reference, what the store used before) and with <see cref="CompactJsonDecoder"/>; and the
/// store's own <see cref="SqlitePostStore.QueryAsync"/>. Reports CPU µs per row of the reading thread,
/// rows per CPU-second and bytes allocated per row; the same run holds the baseline.
/// </summary>
public static class StoreReadTest
{
    private enum Step { ColumnsOnly, PostSerializer, BothSerializer, PostDecoder, BothDecoder }

    // The statement PostQuerySql builds for the map's default filter (RelevantOnly, LocatedOnly) and a window.
    private const string MapSql =
        "SELECT p.post_json, p.analysis_json, p.ingested_at, p.text FROM posts p " +
        "WHERE p.created_at >= $from AND p.relevant = 1 AND +p.lat IS NOT NULL ORDER BY p.created_at DESC, p.id DESC LIMIT $limit";

    public static async Task<int> RunAsync(string[] args)
    {
        int posts = args.Length > 0 ? int.Parse(args[0]) : 150_000;
        int rounds = args.Length > 1 ? int.Parse(args[1]) : 3;
        var start = DateTimeOffset.UtcNow.AddHours(-6);
        var input = SyntheticPostGenerator.Generate(20_000, (posts + 20_000 * 60 - 1) / (20_000 * 60), start, 42).Take(posts).ToList();
        var analyser = new PostAnalyser(new SnapshotHolder(PipelineSnapshots.Load(ConfigPaths.Resolve("keyword-glossary"))));
        var analysed = input.Select(p => new AnalysedPost(p, analyser.Analyse(p, p.CreatedAt), p.CreatedAt)).ToList();
        int mapRows = analysed.Count(a => a.Analysis is { Relevant: true, Location: not null });

        var dir = Directory.CreateTempSubdirectory("sns-read-").FullName;
        var store = new SqlitePostStore(new SqliteStoreOptions { DataDir = dir });
        try
        {
            await store.InitialiseAsync();
            for (int b = 0; b < analysed.Count; b += 2_000)
                await store.AppendAsync(store.Encode(analysed.GetRange(b, Math.Min(2_000, analysed.Count - b))));
            var sample = await store.QueryAsync(new PostQuery { Relevant = true, LocatedOnly = true, Limit = 2_000 });
            Console.WriteLine($"# store-read: {analysed.Count:N0} analysed posts, {mapRows:N0} relevant and placed; " +
                              $"stored documents ≈{sample.Average(a => CompactJsonEncoder.Encode(a.Post, true).Length):0} + " +
                              $"{sample.Average(a => CompactJsonEncoder.Encode(a.Analysis).Length):0} bytes (post + analysis) per map row; " +
                              $"{rounds} rounds; {DateTime.UtcNow:O}; load {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine("# a map row: " + System.Text.Encoding.UTF8.GetString(CompactJsonEncoder.Encode(sample[0].Post, true)) +
                              " " + System.Text.Encoding.UTF8.GetString(CompactJsonEncoder.Encode(sample[0].Analysis)));
            var readOnly = new SqliteConnectionStringBuilder { DataSource = store.DatabasePath, Mode = SqliteOpenMode.ReadOnly }.ToString();

            foreach (var limit in new[] { 7_000, 35_000 })
            {
                // Warm-up: JIT, the serializer's metadata, the page cache.
                foreach (var step in Enum.GetValues<Step>()) Read(readOnly, limit, step);
                await store.QueryAsync(MapQuery(limit));
            }
            // The documents alone, without SQLite: the sample's stored documents decoded in a loop.
            var postDocs = sample.Select(a => CompactJsonEncoder.Encode(a.Post, withoutText: true)).ToArray();
            var analysisDocs = sample.Select(a => CompactJsonEncoder.Encode(a.Analysis)).ToArray();
            // Every variant once per round, interleaved, so all see the same machine; the summary takes the
            // minimum and the median CPU per row over the rounds (the other helpers' load only ever adds).
            var runs = new List<(string Name, Func<int> Run, string Baseline)>
            {
                ("PostDocTokensOnly", () => DecodeAll(postDocs, TokensOnly), "PostDocSerializer"),
                ("PostDocSerializer", () => DecodeAll(postDocs, d => PostJson.DeserializePost(d)), "PostDocSerializer"),
                ("PostDocDecoder", () => DecodeAll(postDocs, d => CompactJsonDecoder.DecodePost(d)), "PostDocSerializer"),
                ("AnalysisDocTokensOnly", () => DecodeAll(analysisDocs, TokensOnly), "AnalysisDocSerializer"),
                ("AnalysisDocSerializer", () => DecodeAll(analysisDocs, d => PostJson.DeserializeAnalysis(d)), "AnalysisDocSerializer"),
                ("AnalysisDocDecoder", () => DecodeAll(analysisDocs, d => CompactJsonDecoder.DecodeAnalysis(d)), "AnalysisDocSerializer"),
            };
            foreach (var limit in new[] { 7_000, 35_000 })
            {
                foreach (var step in Enum.GetValues<Step>())
                    runs.Add(($"{limit / 1000}k {step}", () => Read(readOnly, limit, step), $"{limit / 1000}k {Step.BothSerializer}"));
                runs.Add(($"{limit / 1000}k StoreQueryAsync", () => store.QueryAsync(MapQuery(limit)).GetAwaiter().GetResult().Count, $"{limit / 1000}k {Step.BothSerializer}"));
            }
            var results = runs.ToDictionary(r => r.Name, _ => new List<Measurement>());
            for (int round = 1; round <= rounds; round++)
                foreach (var (name, run, _) in runs)
                {
                    var m = Measure(run);
                    results[name].Add(m);
                    Console.WriteLine($"round {round} {name,-22}: {m.Rows:N0} rows, {m.CpuUsPerRow:0.00} µs CPU/row (process {m.ProcessUsPerRow:0.00}), wall {m.WallMs:0} ms, {m.BytesPerRow:N0} B/row");
                }
            Console.WriteLine($"# summary over {rounds} rounds; load {File.ReadAllText("/proc/loadavg").Trim()}");
            foreach (var (name, _, baselineName) in runs)
            {
                var cpu = results[name].Select(m => m.CpuUsPerRow).Order().ToList();
                var baseline = results[baselineName].Min(m => m.CpuUsPerRow);
                var last = results[name][^1];
                var process = results[name].Select(m => m.ProcessUsPerRow).Order().ToList();
                var processBaseline = results[baselineName].Min(m => m.ProcessUsPerRow);
                Console.WriteLine($"RESULT store-read {name,-22}: {last.Rows,6:N0} rows, CPU/row min {cpu[0],6:0.00} µs (x{cpu[0] / baseline:0.00}), " +
                                  $"median {cpu[cpu.Count / 2],6:0.00} µs, {1e6 / cpu[0],9:N0} rows/CPU-s; process CPU/row min {process[0],6:0.00} µs " +
                                  $"(x{process[0] / processBaseline:0.00}) median {process[process.Count / 2],6:0.00}; wall median " +
                                  $"{results[name].Select(m => m.WallMs).Order().ElementAt(rounds / 2),6:0} ms, {last.BytesPerRow,6:N0} B/row");
            }
        }
        finally
        {
            await store.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
        return 0;
    }

    private static PostQuery MapQuery(int limit) =>
        new() { From = DateTimeOffset.UnixEpoch, Relevant = true, LocatedOnly = true, Limit = limit };

    /// <summary>CPU of the reading thread, and of the whole process (adds the GC's background threads).</summary>
    private readonly record struct Measurement(int Rows, double CpuUsPerRow, double ProcessUsPerRow, double WallMs, double BytesPerRow);

    private static Measurement Measure(Func<int> read)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var cpu0 = ThreadCpu.Nanoseconds();
        var process0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var rows = read();
        sw.Stop();
        var cpuNs = ThreadCpu.Nanoseconds() - cpu0;
        var processUs = (Process.GetCurrentProcess().TotalProcessorTime - process0).TotalMicroseconds;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        return new Measurement(rows, cpuNs / 1000.0 / Math.Max(1, rows), processUs / Math.Max(1, rows), sw.Elapsed.TotalMilliseconds, (double)bytes / Math.Max(1, rows));
    }

    /// <summary>The floor: the reader walks the document's tokens and makes nothing.</summary>
    private static object? TokensOnly(byte[] document)
    {
        var reader = new System.Text.Json.Utf8JsonReader(document);
        int tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    private static int DecodeAll(byte[][] documents, Func<byte[], object?> decode)
    {
        int n = 0;
        for (int repeat = 0; repeat < 10; repeat++)
            foreach (var d in documents) n += decode(d) is null ? 0 : 1;
        return n;
    }

    /// <summary>The store's read loop, stopped after <paramref name="step"/>.</summary>
    private static int Read(string connectionString, int limit, Step step)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = MapSql;
        cmd.Parameters.AddWithValue("$from", 0L);
        cmd.Parameters.AddWithValue("$limit", limit);
        using var reader = cmd.ExecuteReader();
        var results = new List<object?>();
        while (reader.Read())
        {
            var postJson = reader.GetFieldValue<byte[]>(0);
            var analysisJson = reader.GetFieldValue<byte[]>(1);
            var ingested = reader.GetInt64(2);
            var text = reader.GetString(3);
            object? row = step switch
            {
                Step.ColumnsOnly => postJson.Length + analysisJson.Length + text.Length + ingested,
                Step.PostSerializer => PostJson.DeserializePost(postJson)! with { Text = text },
                Step.BothSerializer => new AnalysedPost(PostJson.DeserializePost(postJson)! with { Text = text },
                    PostJson.DeserializeAnalysis(analysisJson)!, DateTimeOffset.FromUnixTimeMilliseconds(ingested)),
                Step.PostDecoder => CompactJsonDecoder.DecodePost(postJson)! with { Text = text },
                _ => new AnalysedPost(CompactJsonDecoder.DecodePost(postJson)! with { Text = text },
                    CompactJsonDecoder.DecodeAnalysis(analysisJson)!, DateTimeOffset.FromUnixTimeMilliseconds(ingested)),
            };
            results.Add(row);
        }
        return results.Count;
    }
}
