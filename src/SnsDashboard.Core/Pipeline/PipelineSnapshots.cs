using SnsDashboard.Core.Geo;
using SnsDashboard.Core.Glossary;
using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Core.Pipeline;

/// <summary>Builds the start-up snapshot from configuration: the baseline glossary folder, the
/// given (or built-in demo) gazetteer and the built-in registry (the glossary, geolocation and reliability
/// issues replace the last two with imported, versioned data).</summary>
public static class PipelineSnapshots
{
    public static PipelineSnapshot Load(string glossaryDir, Gazetteer? gazetteer = null) =>
        new(GlossaryLoader.LoadDirectory(glossaryDir), gazetteer ?? DemoGazetteer.Create(), AccountRegistry.CreateDefault());
}
