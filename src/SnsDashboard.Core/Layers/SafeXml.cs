using System.Xml;
using System.Xml.Linq;

namespace SnsDashboard.Core.Layers;

/// <summary>
/// XML loading for uploaded files: DTDs are prohibited (so no external entities, XXE, or entity
/// expansion "billion laughs"), no resolver fetches anything, and the character count is capped.
/// </summary>
public static class SafeXml
{
    public static XDocument Load(string fileName, Stream stream, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new LayerImportException($"{fileName}: line {e.LineNumber}: the file declares a DTD (<!DOCTYPE>); DTDs and entities are refused for safety");
        }
        catch (XmlException e)
        {
            throw new LayerImportException($"{fileName}: line {e.LineNumber}: not well-formed XML ({e.Message})");
        }
    }

    public static int Line(XObject node) => node is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : 0;
}
