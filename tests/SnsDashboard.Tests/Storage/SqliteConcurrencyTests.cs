using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Storage;
using static SnsDashboard.Tests.Storage.StoragePostBuilder;

namespace SnsDashboard.Tests.Storage;

public sealed class SqliteConcurrencyTests : IAsyncLifetime
{
    private readonly TempStore _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _temp.DisposeAsync();

    [Fact]
    public async Task Readers_see_consistent_snapshots_while_writers_append()
    {
        var store = await _temp.OpenAsync();
        const int batches = 40, perBatch = 250;

        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var b = w; b < batches; b += 2)
            {
                var batch = Enumerable.Range(0, perBatch)
                    .Select(i => (AnalysedPost)Post($"b{b}-{i}").MinutesAfterBase(b).Categories("rescue").At(33, 130))
                    .ToList();
                Assert.Equal(perBatch, await store.AppendAsync(batch));
            }
        })).ToArray();

        var readerErrors = 0;
        var reads = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            long last = 0;
            while (!writers.All(w => w.IsCompleted))
            {
                var count = await store.CountAsync(new PostQuery { Categories = ["rescue"] });
                // Each batch commits atomically: a reader never sees part of one.
                if (count % perBatch != 0 || count < last) Interlocked.Increment(ref readerErrors);
                last = count;
                var page = await store.QueryAsync(new PostQuery { Limit = 50, Bounds = new GeoBounds(32, 129, 34, 131) });
                if (page.Count > 50) Interlocked.Increment(ref readerErrors);
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await Task.WhenAll(readers);

        Assert.Equal(0, readerErrors);
        Assert.True(reads > 0);
        Assert.Equal(batches * perBatch, await store.CountAsync(new PostQuery()));
    }
}
