using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo;

/// <summary>Places a post: geotag &gt; place &gt; text &gt; profile, with level, confidence and evidence (pure).</summary>
public static class TextGeolocator
{
    public static PostLocation? Locate(Post post, NormalisedText text, Gazetteer gazetteer) => throw new NotImplementedException();
}
