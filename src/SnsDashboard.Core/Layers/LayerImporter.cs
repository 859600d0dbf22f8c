using System.Text;
using System.Text.RegularExpressions;

namespace SnsDashboard.Core.Layers;

/// <summary>What the uploader says about a file; anything left null is inferred from the file.</summary>
public sealed record LayerImportRequest
{
    public string? Title { get; init; }
    public string? Theme { get; init; }
    public string? SourceOrganisation { get; init; }
    public string? Licence { get; init; }
    public string? Attribution { get; init; }
    public string? SourceKey { get; init; }
    public DateTimeOffset? CollectedAt { get; init; }
    public DateTimeOffset? ValidAt { get; init; }
    /// <summary>CSV column mapping (header names); null = detect 緯度/経度, lat/lon, ….</summary>
    public string? LatColumn { get; init; }
    public string? LonColumn { get; init; }
}

/// <summary>
/// Turns one uploaded file into a validated <see cref="ImportedLayer"/> or refuses it with a
/// <see cref="LayerImportException"/>. Pure apart from reading the given stream: no storage, no
/// clock. Format by extension, confirmed by content.
/// </summary>
public static partial class LayerImporter
{
    public static IReadOnlyList<string> Extensions { get; } = [".geojson", ".json", ".kml", ".kmz", ".csv", ".gml", ".xml"];

    public static ImportedLayer Import(string fileName, Stream content, LayerImportRequest request, LayerImportLimits limits)
    {
        var name = Path.GetFileName(fileName);
        if (request.Theme is not null && !LayerThemes.IsKnown(request.Theme))
            throw new LayerImportException($"{name}: unknown theme \"{request.Theme}\"; use one of {string.Join(", ", LayerThemes.All)}");
        var bytes = ReadBounded(name, content, limits.MaxFileBytes);
        var ext = Path.GetExtension(name).ToLowerInvariant();
        var notes = new List<string>();
        IReadOnlyList<LayerFeature> features;
        string format;
        LayerProvenance inferred;
        Func<int, string>? describe = null;

        switch (ext)
        {
            case ".geojson" or ".json":
            {
                var r = GeoJsonLayerReader.Read(name, bytes);
                (features, format) = (r.Features, "geojson");
                inferred = InferGeoJson(name, r);
                break;
            }
            case ".kml":
            {
                var r = KmlLayerReader.ReadKml(name, new MemoryStream(bytes, false), limits);
                (features, format) = (r.Features, "kml");
                describe = i => $"placemark at line {r.Lines[i]}";
                inferred = Default(name, r.Name);
                break;
            }
            case ".kmz":
            {
                var r = KmlLayerReader.ReadKmz(name, new MemoryStream(bytes, false), limits);
                (features, format) = (r.Features, "kmz");
                describe = i => $"placemark at line {r.Lines[i]}";
                inferred = Default(name, r.Name);
                break;
            }
            case ".csv":
            {
                var r = CsvLayerReader.Read(name, bytes, request.LatColumn, request.LonColumn);
                (features, format) = (r.Features, "csv");
                describe = i => $"line {i + 2}";
                notes.Add($"encoding {r.Encoding}; coordinates from columns {r.LatColumn} (latitude) and {r.LonColumn} (longitude)");
                inferred = Default(name, null);
                break;
            }
            case ".gml" or ".xml":
            {
                var r = CityGmlLayerReader.Read(name, new MemoryStream(bytes, false), limits);
                (features, format) = (r.Features, "citygml");
                notes.Add($"CRS {r.Crs}; positions read as latitude, longitude");
                inferred = InferPlateau(name, r);
                break;
            }
            default:
                throw new LayerImportException($"{name}: unsupported file type \"{ext}\"; use {string.Join(", ", Extensions)}");
        }

        LayerValidator.Validate(name, features, limits, describe);
        var provenance = inferred with
        {
            Title = Clean(request.Title) ?? inferred.Title,
            Theme = request.Theme ?? inferred.Theme,
            SourceOrganisation = Clean(request.SourceOrganisation) ?? inferred.SourceOrganisation,
            Licence = Clean(request.Licence) ?? inferred.Licence,
            Attribution = Clean(request.Attribution) ?? inferred.Attribution,
            SourceKey = Clean(request.SourceKey) ?? inferred.SourceKey,
            CollectedAt = request.CollectedAt ?? inferred.CollectedAt,
            ValidAt = request.ValidAt ?? inferred.ValidAt,
        };
        return new ImportedLayer(provenance, format, name, features, notes);
    }

    private static byte[] ReadBounded(string name, Stream content, long max)
    {
        var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > max)
                throw new LayerImportException($"{name}: larger than {max:N0} bytes (Layers:Limits:MaxFileBytes)");
        }
        return ms.ToArray();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Stem(string name) => Path.GetFileNameWithoutExtension(name);

    private static LayerProvenance Default(string name, string? title) => new()
    {
        Title = Clean(title) ?? Stem(name),
        Theme = LayerThemes.Response,
        SourceKey = "file:" + Stem(name).ToLowerInvariant(),
    };

    private static LayerProvenance InferGeoJson(string name, GeoJsonLayerReader.Result r)
    {
        var first = r.Features.FirstOrDefault()?.Properties;
        if (first is null) return Default(name, r.Name);
        if (first.ContainsKey("施設・場所名"))
        {
            // GSI 指定緊急避難場所 carry hazard flags; 指定避難所 do not.
            var emergency = first.ContainsKey("洪水") || first.ContainsKey("地震");
            var kind = emergency ? "指定緊急避難場所" : "指定避難所";
            var area = first.GetValueOrDefault("都道府県名及び市町村名") ?? r.Name ?? Stem(name);
            return new LayerProvenance
            {
                Title = $"{kind} {area}",
                Theme = LayerThemes.SocialAssets,
                SourceKey = $"gsi-shelters-{(emergency ? "emergency" : "evacuation")}:{r.Name ?? Stem(name)}",
                SourceOrganisation = "国土地理院",
                Licence = "国土地理院コンテンツ利用規約（CC BY 4.0 互換、出典明示）",
                Attribution = $"国土地理院「{kind}データ」",
            };
        }
        if (first.ContainsKey("N03_001"))
        {
            var prefs = r.Features.Select(f => f.Properties.GetValueOrDefault("N03_001")).Distinct().ToList();
            var municipalities = r.Features.Any(f => f.Properties.ContainsKey("N03_004"));
            return new LayerProvenance
            {
                Title = $"行政区域 {(prefs.Count == 1 ? prefs[0] : "全国")}{(municipalities ? "（市区町村）" : "（都道府県）")}",
                Theme = LayerThemes.Boundaries,
                SourceKey = "mlit-n03:" + Stem(name).ToLowerInvariant(),
                SourceOrganisation = "国土交通省",
                Licence = "国土数値情報利用約款（出典明示で商用可）",
                Attribution = "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成",
                ValidAt = DateFromN03Name(name),
            };
        }
        if (first.ContainsKey("N02_005"))
            return new LayerProvenance
            {
                Title = "鉄道駅（国土数値情報 N02）",
                Theme = LayerThemes.SocialAssets,
                SourceKey = "mlit-n02:" + Stem(name).ToLowerInvariant(),
                SourceOrganisation = "国土交通省",
                Licence = "国土数値情報利用約款（出典明示で商用可）",
                Attribution = "「国土数値情報（鉄道データ）」（国土交通省）を加工して作成",
            };
        return Default(name, r.Name);
    }

    /// <summary>N03 file names end with the edition date as yymmdd (N03-21_210101 = 2021-01-01).</summary>
    private static DateTimeOffset? DateFromN03Name(string name)
    {
        var m = N03Date().Match(name);
        return m.Success ? new DateTimeOffset(2000 + int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), 0, 0, 0, TimeSpan.FromHours(9)) : null;
    }

    [GeneratedRegex(@"_(\d{2})(\d{2})(\d{2})(?:_|\.|$)")]
    private static partial Regex N03Date();

    private static LayerProvenance InferPlateau(string name, CityGmlLayerReader.Result r)
    {
        var title = r.HazardKind switch
        {
            "flood" => "洪水浸水想定区域",
            "tsunami" => "津波浸水想定",
            "landslide" => "土砂災害警戒区域",
            _ => "3D都市モデル",
        };
        var mesh = Stem(name).Split('_')[0];
        return new LayerProvenance
        {
            Title = $"{title}（PLATEAU {mesh}）",
            Theme = r.HazardKind is null ? LayerThemes.Response : LayerThemes.Hazard,
            SourceKey = "plateau:" + PlateauKey().Replace(Stem(name).ToLowerInvariant(), ""),
            SourceOrganisation = "国土交通省 Project PLATEAU",
            Licence = "CC BY 4.0",
            Attribution = "「3D都市モデル（Project PLATEAU）」（国土交通省）",
        };
    }

    [GeneratedRegex("_op$")]
    private static partial Regex PlateauKey();

    /// <summary>Text for the uploader summarising what was read.</summary>
    public static string Summary(ImportedLayer layer)
    {
        var sb = new StringBuilder();
        sb.Append($"{layer.FileName}: {layer.Features.Count:N0} features ({layer.Format})");
        foreach (var n in layer.Notes) sb.Append("; ").Append(n);
        return sb.ToString();
    }
}
