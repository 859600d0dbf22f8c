using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Pipeline;

/// <summary>Receives each stored batch (the live bus). Must not block: it hands the batch on.</summary>
public interface IAnalysedPostPublisher
{
    void Publish(IReadOnlyList<AnalysedPost> batch);
}
