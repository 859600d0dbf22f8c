namespace SnsDashboard.Core.Reliability;

/// <summary>Operators' confirmed/false marks per author (source, author id): the "past history"
/// signal of §A.3. Immutable; the marks service publishes a new instance when marks change.</summary>
public sealed class AuthorTrackRecords
{
    private readonly Dictionary<(string Source, string AuthorId), TrackRecord> _records;

    public AuthorTrackRecords(IEnumerable<KeyValuePair<(string Source, string AuthorId), TrackRecord>> records) =>
        _records = new(records);

    public static AuthorTrackRecords Empty { get; } = new([]);

    public int Count => _records.Count;

    public TrackRecord Find(string source, string authorId) =>
        _records.Count == 0 ? default : _records.GetValueOrDefault((source, authorId));
}

/// <summary>How many of an author's reports operators confirmed and marked false.</summary>
public readonly record struct TrackRecord(int Confirmed, int Refuted)
{
    public int Total => Confirmed + Refuted;
    /// <summary>Minimum number of judged reports before the record sets a grade (§A.3).</summary>
    public const int Minimum = 5;
}
