using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;

namespace SnsDashboard.Tests.Storage;

/// <summary>Builds analysed posts for store tests with readable defaults.</summary>
internal sealed class StoragePostBuilder
{
    public static readonly DateTimeOffset BaseTime = new(2024, 7, 1, 12, 0, 0, TimeSpan.FromHours(9));

    private string _source = "replay";
    private string _id = Guid.NewGuid().ToString("N");
    private string _text = "テスト投稿";
    private DateTimeOffset _createdAt = BaseTime;
    private DateTimeOffset? _editedAt;
    private DateTimeOffset _ingestedAt = BaseTime.AddSeconds(5);
    private bool _relevant = true;
    private string[] _categories = [];
    private string[] _hazards = [];
    private PostLocation? _location;
    private ReliabilityGrade _grade = ReliabilityGrade.Unknown;

    public static StoragePostBuilder Post(string id) => new() { _id = id };

    public StoragePostBuilder From(string source) { _source = source; return this; }
    public StoragePostBuilder Text(string text) { _text = text; return this; }
    public StoragePostBuilder At(DateTimeOffset createdAt) { _createdAt = createdAt; return this; }
    public StoragePostBuilder MinutesAfterBase(double minutes) { _createdAt = BaseTime.AddMinutes(minutes); return this; }
    public StoragePostBuilder Edited(DateTimeOffset editedAt) { _editedAt = editedAt; return this; }
    public StoragePostBuilder Ingested(DateTimeOffset at) { _ingestedAt = at; return this; }
    public StoragePostBuilder Irrelevant() { _relevant = false; return this; }
    public StoragePostBuilder Categories(params string[] categories) { _categories = categories; return this; }
    public StoragePostBuilder Hazards(params string[] hazards) { _hazards = hazards; return this; }
    public StoragePostBuilder Grade(string source, int credibility, double score = 0.5)
    {
        _grade = new ReliabilityGrade(source, credibility, score, ["test"]);
        return this;
    }
    public StoragePostBuilder At(double lat, double lon, string level = LocationLevels.Town)
    {
        _location = new PostLocation { Lat = lat, Lon = lon, Level = level, Source = "text", Confidence = 0.8 };
        return this;
    }

    public AnalysedPost Build() => new(
        new Post
        {
            Source = _source,
            SourcePostId = _id,
            Text = _text,
            CreatedAt = _createdAt,
            EditedAt = _editedAt,
            Author = new PostAuthor { Id = "author-" + _id },
        },
        new PostAnalysis
        {
            Relevant = _relevant,
            Categories = _categories,
            Hazards = _hazards,
            Location = _location,
            Reliability = _grade,
        },
        _ingestedAt);

    public static implicit operator AnalysedPost(StoragePostBuilder b) => b.Build();
}
