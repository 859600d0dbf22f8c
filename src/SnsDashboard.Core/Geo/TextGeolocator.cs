using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo;

/// <summary>Places a post: geotag &gt; place &gt; text &gt; profile, with level, confidence and evidence (pure).</summary>
/// <remarks>
/// A wrong pin is worse than none, so the rules are conservative:
/// <list type="bullet">
/// <item>an exact geotag wins (level exact, source geotag); place names found in the text that lie
/// near it (≤ 20 km) fill in prefecture, municipality and town;</item>
/// <item>place names are found leftmost-longest in the normalised text; a name preceded by another
/// ideograph is ignored unless it directly follows a matched name (泉大津市 is not 大津市, but
/// 熊本県益城町 chains);</item>
/// <item>a town name counts when its municipality (or the designated city of its ward) is also
/// mentioned, or alone when it is unique in the gazetteer, at least three characters long and not
/// also the stem of a municipality or prefecture name (大津 never counts alone);</item>
/// <item>a ward's short name (東区) counts only with its city (熊本市);</item>
/// <item>a curated alias (益城 for 益城町) is weaker evidence than the full name;</item>
/// <item>conflicting places fall back to what they have in common (municipality, prefecture),
/// listing the candidates as alternatives; nothing in common → no location.</item>
/// </list>
/// </remarks>
public static class TextGeolocator
{
    private const double NearGeotagKm = 20;

    public static PostLocation? Locate(Post post, NormalisedText text, Gazetteer gazetteer)
    {
        var fromText = LocateText(text, gazetteer.Compiled);
        if (post.Geo is { Kind: "exact" } geo && IsValid(geo.Lat, geo.Lon))
        {
            var loc = new PostLocation
            {
                Lat = geo.Lat, Lon = geo.Lon, Level = LocationLevels.Exact, Source = "geotag",
                Confidence = geo.AccuracyM is > 1000 ? 0.8 : 0.95,
            };
            if (fromText is not null && DistanceKm(geo.Lat, geo.Lon, fromText.Lat, fromText.Lon) <= NearGeotagKm)
                loc = loc with { LgCode = fromText.LgCode, Pref = fromText.Pref, City = fromText.City, Town = fromText.Town, Evidence = fromText.Evidence };
            return loc;
        }
        return fromText;
    }

    private readonly record struct Mention(PlaceName Name, int Start, int Length, bool InHashtag);

    private static PostLocation? LocateText(NormalisedText text, CompiledGazetteer g)
    {
        var value = text.Value.AsSpan();
        var index = g.Index;
        List<Mention>? mentions = null;
        List<PhraseIndex<PlaceName>.Phrase>? scratch = null;
        int lastEnd = -1;
        for (int i = index.NextCandidate(value, 0); i >= 0;)
        {
            bool chained = i == lastEnd;
            bool boundaryOk = chained || i == 0 || !IsIdeograph(value[i - 1]);
            int advance = 1;
            if (boundaryOk)
            {
                scratch ??= [];
                index.MatchesAt(value, i, scratch);
                foreach (var phrase in scratch)
                {
                    mentions ??= [];
                    bool inTag = i > 0 && value[i - 1] == '#';
                    foreach (var name in phrase.Payloads) mentions.Add(new Mention(name, i, phrase.Text.Length, inTag));
                    advance = phrase.Text.Length;
                    lastEnd = i + advance;
                    break;
                }
            }
            i = index.NextCandidate(value, i + advance);
        }
        return mentions is null ? null : Resolve(text, g, mentions);
    }

    private static PostLocation? Resolve(NormalisedText text, CompiledGazetteer g, List<Mention> mentions)
    {
        // Context: prefectures, municipalities (with their designated cities) mentioned by full name or alias.
        var prefs = new HashSet<string>(StringComparer.Ordinal);
        var munis = new Dictionary<string, Mention>(StringComparer.Ordinal); // code → mention
        foreach (var m in mentions)
        {
            var p = m.Name.Place;
            if (p.Kind == PlaceKind.Prefecture || p.Kind == PlaceKind.County) prefs.Add(p.Pref);
        }
        foreach (var m in mentions)
        {
            var p = m.Name.Place;
            if (p.Kind != PlaceKind.Municipality || p.LgCode is null) continue;
            if (m.Name.Role == NameRole.WardShort && !(p.ParentCode is not null && mentions.Exists(x => x.Name.Place.LgCode == p.ParentCode && x.Name.Place.Kind == PlaceKind.Municipality)))
                continue;
            if (m.Name.Role == NameRole.Alias && mentions.Exists(x => x.Name.Place.Kind == PlaceKind.Prefecture && x.Name.Place.Pref != p.Pref))
                continue;
            munis.TryAdd(p.LgCode, m);
        }
        // A designated city mentioned together with one of its wards: the ward is the finer mention.
        foreach (var code in munis.Keys.ToArray())
            if (munis.Values.Any(x => x.Name.Place.ParentCode == code)) munis.Remove(code);

        bool MuniMentioned(GazetteerPlace place) =>
            place.ParentCode is not null && (munis.ContainsKey(place.ParentCode)
                || (g.MunicipalityByCode.GetValueOrDefault(place.ParentCode)?.ParentCode is { } city
                    && mentions.Exists(x => x.Name.Place.LgCode == city && x.Name.Place.Kind == PlaceKind.Municipality)));

        var accepted = new List<(GazetteerPlace Place, Mention Mention, double Confidence, Mention? Context)>();
        var alternatives = new List<(GazetteerPlace Place, Mention Mention)>();
        // Towns and landmarks, grouped by mention position.
        foreach (var group in mentions.Where(m => m.Name.Place.Kind is PlaceKind.Town or PlaceKind.Landmark).GroupBy(m => m.Start))
        {
            var candidates = group.ToList();
            if (prefs.Count > 0) candidates.RemoveAll(c => !prefs.Contains(c.Name.Place.Pref));
            if (candidates.Count == 0) continue;
            var inContext = candidates.Where(c => MuniMentioned(c.Name.Place)).ToList();
            if (inContext.Count == 1)
            {
                var c = inContext[0];
                var ctx = c.Name.Place.ParentCode is { } pc && munis.TryGetValue(pc, out var mm) ? mm : (Mention?)null;
                double conf = c.Name.Place.Kind == PlaceKind.Landmark ? 0.9 : 0.85 + (prefs.Contains(c.Name.Place.Pref) ? 0.05 : 0);
                accepted.Add((c.Name.Place, c, conf, ctx));
                continue;
            }
            if (inContext.Count == 0 && candidates.Count == 1)
            {
                var c = candidates[0];
                string normal = text.Value.Substring(c.Start, c.Length);
                bool alone = c.Name.Place.Kind == PlaceKind.Landmark
                    || (normal.Length >= 3 && !g.StemNames.Contains(normal));
                if (alone)
                {
                    double conf = c.Name.Place.Kind == PlaceKind.Landmark ? 0.85 : 0.6 + (prefs.Contains(c.Name.Place.Pref) ? 0.1 : 0);
                    accepted.Add((c.Name.Place, c, conf, null));
                    continue;
                }
            }
            foreach (var c in (inContext.Count > 1 ? inContext : candidates)) alternatives.Add((c.Name.Place, c));
        }

        if (accepted.Count == 1 && alternatives.Count == 0)
        {
            var (place, m, conf, ctx) = accepted[0];
            var evidence = new List<Mention> { m };
            if (ctx is { } cm) evidence.Add(cm);
            AddPrefEvidence(mentions, place.Pref, evidence);
            return Build(text, place, place.Kind == PlaceKind.Landmark ? LocationLevels.Landmark : LocationLevels.Town, conf, evidence, []);
        }

        // Several specific places (or ambiguous ones): fall back to their common municipality or prefecture.
        var specific = accepted.Select(a => (a.Place, a.Mention)).Concat(alternatives).ToList();
        var muniMentions = munis.Values.ToList();
        if (specific.Count > 0)
        {
            var codes = specific.Select(s => s.Place.ParentCode).Distinct().ToList();
            var alts = specific.Select(s => Alternative(s.Place, 0.3)).DistinctBy(a => (a.Name, a.LgCode)).ToList();
            if (codes.Count == 1 && codes[0] is { } code && g.MunicipalityByCode.TryGetValue(code, out var muni)
                && (munis.ContainsKey(code) || accepted.Count > 0))
            {
                var evidence = specific.Select(s => s.Mention).ToList();
                if (munis.TryGetValue(code, out var mm)) evidence.Add(mm);
                return Build(text, muni, LocationLevels.Municipality, 0.6, evidence, alts);
            }
            if (muniMentions.Count == 1)
            {
                var only = muniMentions[0];
                return Build(text, only.Name.Place, LocationLevels.Municipality, 0.6, [only], alts);
            }
            var prefsOfSpecific = specific.Select(s => s.Place.Pref).Distinct().ToList();
            if (prefsOfSpecific.Count == 1 && prefs.Contains(prefsOfSpecific[0]) && g.PrefectureByName.TryGetValue(prefsOfSpecific[0], out var pref))
            {
                var evidence = new List<Mention>();
                AddPrefEvidence(mentions, pref.Pref, evidence);
                return Build(text, pref, LocationLevels.Prefecture, 0.4, evidence, alts);
            }
            if (muniMentions.Count == 0 && prefs.Count == 0) return null;
        }

        if (muniMentions.Count == 1)
        {
            var m = muniMentions[0];
            var place = m.Name.Place;
            double conf = m.Name.Role == NameRole.Alias ? 0.5 : m.InHashtag ? 0.7 : 0.75;
            if (prefs.Contains(place.Pref)) conf += 0.05;
            var evidence = new List<Mention> { m };
            AddPrefEvidence(mentions, place.Pref, evidence);
            return Build(text, place, LocationLevels.Municipality, conf, evidence, []);
        }
        if (muniMentions.Count > 1)
        {
            var alts = muniMentions.Select(m => Alternative(m.Name.Place, 0.4)).ToList();
            var prefNames = muniMentions.Select(m => m.Name.Place.Pref).Distinct().ToList();
            if (prefNames.Count == 1 && g.PrefectureByName.TryGetValue(prefNames[0], out var pref))
                return Build(text, pref, LocationLevels.Prefecture, 0.45, muniMentions, alts);
            return null;
        }

        var prefMentions = mentions.Where(m => m.Name.Place.Kind == PlaceKind.Prefecture).ToList();
        var distinctPrefs = prefMentions.Select(m => m.Name.Place.Pref).Distinct().ToList();
        if (distinctPrefs.Count == 1)
        {
            bool full = prefMentions.Exists(m => m.Name.Role == NameRole.Full);
            return Build(text, prefMentions[0].Name.Place, LocationLevels.Prefecture, full ? 0.6 : 0.4, prefMentions, []);
        }
        return null;
    }

    private static void AddPrefEvidence(List<Mention> mentions, string pref, List<Mention> evidence)
    {
        foreach (var m in mentions)
            if (m.Name.Place.Kind is PlaceKind.Prefecture or PlaceKind.County && m.Name.Place.Pref == pref) evidence.Add(m);
    }

    private static LocationAlternative Alternative(GazetteerPlace p, double confidence) =>
        new(p.Kind == PlaceKind.Town || p.Kind == PlaceKind.Landmark ? $"{p.City}{p.Name}" : p.Name,
            p.Kind switch { PlaceKind.Town => LocationLevels.Town, PlaceKind.Landmark => LocationLevels.Landmark, PlaceKind.Prefecture => LocationLevels.Prefecture, _ => LocationLevels.Municipality },
            p.LgCode, p.Lat, p.Lon, confidence);

    private static PostLocation Build(NormalisedText text, GazetteerPlace place, string level, double confidence,
        IEnumerable<Mention> evidence, IReadOnlyList<LocationAlternative> alternatives)
    {
        var spans = evidence
            .Select(m => (m.Start, m.Length)).Distinct().OrderBy(s => s.Start)
            .Select(s =>
            {
                var (os, ol) = text.ToOriginal(s.Start, s.Length);
                return new EvidenceSpan(text.Original.Substring(os, ol), os, ol);
            })
            .ToArray();
        return new PostLocation
        {
            Lat = place.Lat, Lon = place.Lon, Level = level, LgCode = place.LgCode, Pref = place.Pref,
            City = place.Kind == PlaceKind.Prefecture ? null : place.City,
            Town = level is LocationLevels.Town ? place.Town : null,
            Confidence = Math.Round(Math.Clamp(confidence, 0, 1), 2), Source = "text", Evidence = spans, Alternatives = alternatives,
        };
    }

    private static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '々';

    private static bool IsValid(double lat, double lon) =>
        double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !(lat == 0 && lon == 0);

    internal static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        double dLat = (lat2 - lat1) * Math.PI / 180, dLon = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                   + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }
}
