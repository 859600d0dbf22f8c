using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay;

/// <summary>A good post of a scenario file, with where it came from.</summary>
public readonly record struct ScenarioPost(string File, int LineNumber, Post Post);

/// <summary>
/// Merges several scenario files, each streamed, into one sequence in <c>created_at</c> order
/// (a k-way merge: only one pending post per file is held). Ties keep the order of the files.
/// A file that is itself out of order is played in file order: a late post is yielded as soon as
/// it reaches the head of its file. Bad lines go to <paramref name="onRejected"/> as they are met.
/// </summary>
public static class ScenarioMerge
{
    public static IEnumerable<ScenarioPost> Merge(IReadOnlyList<string> files, Action<string, ScenarioLine> onRejected)
    {
        var readers = new IEnumerator<ScenarioLine>[files.Count];
        var heads = new ScenarioPost[files.Count];
        var queue = new PriorityQueue<int, (long Ticks, int File)>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                readers[i] = ScenarioReader.ReadFile(files[i]).GetEnumerator();
                if (TryAdvance(i)) queue.Enqueue(i, (heads[i].Post.CreatedAt.UtcTicks, i));
            }
            while (queue.TryDequeue(out var i, out _))
            {
                yield return heads[i];
                if (TryAdvance(i)) queue.Enqueue(i, (heads[i].Post.CreatedAt.UtcTicks, i));
            }
        }
        finally
        {
            foreach (var r in readers) r?.Dispose();
        }

        bool TryAdvance(int i)
        {
            var reader = readers[i];
            while (reader.MoveNext())
            {
                var line = reader.Current;
                if (line.Result.Post is { } post)
                {
                    heads[i] = new ScenarioPost(files[i], line.LineNumber, post);
                    return true;
                }
                onRejected(files[i], line);
            }
            return false;
        }
    }
}
