using SnsDashboard.Core.Analysis;
using SnsDashboard.Core.Geo.Index;
using SnsDashboard.Core.Posts;
using SnsDashboard.Core.Text;

namespace SnsDashboard.Core.Geo;

/// <summary>Places a post: geotag &gt; place tag &gt; text &gt; profile, with level, confidence and evidence (pure).</summary>
/// <remarks>
/// A wrong pin is worse than none, so the rules are conservative:
/// <list type="bullet">
/// <item>an exact geotag wins (level exact, source geotag); place names in the text near it (≤ 20 km)
/// label it, otherwise the boundaries and town points name its municipality and nearest town;</item>
/// <item>prefectures, counties, municipalities and landmarks are found leftmost-longest in the
/// normalised text (old/new kanji and ヶ/ケ folded); a name preceded by another ideograph is ignored
/// unless it directly follows a matched name (泉大津市 is not 大津市, but 熊本県益城町 chains);</item>
/// <item>an address continues a municipality: 大字/字 optional, then a town (大字・町丁目), its 丁目 in
/// kanji, arabic or 1-2-3 form, an optional 小字, and a 番地 block;</item>
/// <item>a town elsewhere in the text counts when its municipality is mentioned, unless it is a
/// common word (中央, 本町, 栄 …); with only the prefecture mentioned it counts when it is unique in
/// the prefecture and at least three characters long;</item>
/// <item>a ward's short name (東区) counts only with its city; a municipality name shared by several
/// places (府中市, 伊達市, 美里町) is decided by the prefecture, county or a town in the same text,
/// then by the focus area, otherwise only what the candidates share is kept;</item>
/// <item>mentions that do not locate the event (出身, 行きたい, のニュース, の皆さんがんばれ) are ignored;</item>
/// <item>conflicting places fall back to what they have in common (municipality, prefecture),
/// listing the candidates as alternatives; nothing in common → no location.</item>
/// </list>
/// </remarks>
public static class TextGeolocator
{
    private const double NearGeotagKm = 20;

    public static PostLocation? Locate(Post post, NormalisedText text, Gazetteer gazetteer)
    {
        var fromText = LocateText(text, gazetteer);
        if (post.Geo is { Kind: "exact" } geo && IsValid(geo.Lat, geo.Lon))
        {
            var loc = new PostLocation
            {
                Lat = geo.Lat, Lon = geo.Lon, Level = LocationLevels.Exact, Source = "geotag",
                Confidence = geo.AccuracyM is > 1000 ? 0.8 : 0.95,
            };
            if (fromText is not null && DistanceKm(geo.Lat, geo.Lon, fromText.Lat, fromText.Lon) <= NearGeotagKm)
                return loc with { LgCode = fromText.LgCode, Pref = fromText.Pref, City = fromText.City, Town = fromText.Town, Evidence = fromText.Evidence };
            if (ReverseGeocoder.Lookup(gazetteer, geo.Lat, geo.Lon) is { } rev)
                return loc with { LgCode = rev.Municipality?.LgCode, Pref = rev.Municipality?.Pref ?? rev.NearestTown?.Pref, City = rev.Municipality?.City, Town = rev.NearestTown?.Town };
            return loc;
        }
        var fromPlace = post.Place is { } place && (place.FullName ?? place.Name) is { Length: > 0 } placeName
            ? LocateText(TextNormaliser.Normalise(placeName), gazetteer) : null;
        if (fromPlace is not null)
        {
            // A finer place in the text inside the tagged area wins; otherwise the tag.
            if (fromText is not null && Rank(fromText.Level) > Rank(fromPlace.Level) && Within(fromText, fromPlace)) return fromText;
            return fromPlace with { Source = "place", Evidence = [], Confidence = Math.Min(fromPlace.Confidence, 0.8) };
        }
        if (fromText is not null) return fromText;
        if (post.Author.ProfileLocationText is { Length: > 0 } profile)
            return gazetteer.ProfileLocations.GetOrAdd(profile, gazetteer, LocateProfile);
        return null;
    }

    /// <summary>Where the author lives, not where the event is: never finer than the municipality, low
    /// confidence. A function of the profile text and the gazetteer only (no evidence spans into the
    /// post), so the gazetteer memoises it: authors post again and again with the same profile.</summary>
    private static PostLocation? LocateProfile(string profile, Gazetteer gazetteer)
    {
        if (LocateText(TextNormaliser.Normalise(profile), gazetteer) is not { } home) return null;
        if (home.Level is LocationLevels.Town or LocationLevels.Landmark && home.LgCode is { } code && gazetteer.FindMunicipality(code) is { } muni)
            home = home with { Lat = muni.Lat, Lon = muni.Lon, Level = LocationLevels.Municipality, Town = null };
        return home with { Source = "profile", Evidence = [], Alternatives = [], Confidence = Math.Round(Math.Min(home.Confidence, 0.5) * 0.5, 2) };
    }

    private static int Rank(string level) => level switch
    {
        LocationLevels.Exact => 5, LocationLevels.Landmark => 4, LocationLevels.Town => 3, LocationLevels.Municipality => 2, _ => 1,
    };

    private static bool Within(PostLocation fine, PostLocation coarse) =>
        coarse.Level == LocationLevels.Prefecture ? fine.Pref == coarse.Pref : fine.LgCode == coarse.LgCode;

    /// <summary>A name found in the text with every place it can denote.</summary>
    private sealed class Mention(PlaceName[] candidates, int start, int length, bool inHashtag)
    {
        public PlaceName[] Candidates { get; set; } = candidates;
        public int Start { get; } = start;
        public int Length { get; } = length;
        public bool InHashtag { get; } = inHashtag;
        public Mention? ChainedAfter { get; set; }
        public bool NonLocating { get; set; }
        public TownHit? Address { get; set; }
        public GazetteerPlace? Resolved { get; set; }
        public NameRole Role { get; set; }
        public bool ByFocus { get; set; }
        public bool Kind(PlaceKind k)
        {
            foreach (var c in Candidates) if (c.Place.Kind == k) return true; // no closure: called per mention
            return false;
        }
    }

    /// <summary>A town found in the text (in an address, or elsewhere in a mentioned municipality).</summary>
    private sealed record TownHit(GazetteerPlace Town, int Start, int Length, int BlockEnd, bool InAddress);

    private static PostLocation? LocateText(NormalisedText text, Gazetteer gazetteer)
    {
        var g = gazetteer.Compiled;
        var value = text.Value.AsSpan();
        List<Mention>? mentions = null;
        int lastEnd = -1;
        Mention? last = null;
        for (int i = 0; i < value.Length;)
        {
            bool chained = i == lastEnd;
            if (chained || i == 0 || !PlaceChars.IsIdeograph(value[i - 1]))
            {
                var entry = g.Index.LongestAt(value, i);
                if (entry is not null)
                {
                    int nameEnd = i + entry.Key.Length;
                    // A short form glued to more kanji is part of another word (熊本城, 熊本大学), not 熊本県.
                    if (nameEnd < value.Length && PlaceChars.IsIdeograph(value[nameEnd]) && !PlaceContext.IsLocativeSuffix(value[nameEnd])
                        && Array.TrueForAll(entry.Payloads, p => p.Role != NameRole.Full))
                    {
                        i++;
                        continue;
                    }
                    var m = new Mention(entry.Payloads, i, entry.Key.Length, i > 0 && value[i - 1] == '#') { ChainedAfter = chained ? last : null };
                    (mentions ??= []).Add(m);
                    int end = i + entry.Key.Length;
                    if (m.Kind(PlaceKind.Municipality) && ReadAddress(g, value, m, end) is { } hit)
                    {
                        m.Address = hit;
                        end = hit.BlockEnd;
                    }
                    m.NonLocating = PlaceContext.IsNonLocating(value, i, end);
                    i = lastEnd = end;
                    last = m;
                    continue;
                }
            }
            i++;
        }
        if (mentions is null) return null;
        mentions.RemoveAll(m => m.NonLocating);
        return mentions.Count == 0 ? null : Resolve(text, gazetteer, g, mentions);
    }

    /// <summary>Towns directly after a municipality mention (an address), with 丁目, 小字 and 番地.</summary>
    private static TownHit? ReadAddress(CompiledGazetteer g, ReadOnlySpan<char> value, Mention m, int pos)
    {
        int p = pos;
        while (p < value.Length && value[p] == ' ') p++;
        if (value[p..].StartsWith("大字")) p += 2;
        else if (value[p..].StartsWith("字")) p += 1;
        if (p >= value.Length) return null;
        TownHit? best = null;
        PlaceName? bestMuni = null;
        bool tie = false;
        foreach (var c in m.Candidates)
        {
            if (c.Place.Kind != PlaceKind.Municipality || c.Place.LgCode is null) continue;
            foreach (var idx in TownIndexes(g, c.Place.LgCode))
            {
                if (idx.Names.LongestAt(value, p) is not { } e) continue;
                var hit = CompleteTown(idx, value, e, p, inAddress: true);
                if (best is null || hit.Length > best.Length) { best = hit; bestMuni = c; tie = false; }
                else if (hit.Length == best.Length && hit.Town.ParentCode != best.Town.ParentCode) tie = true;
            }
        }
        if (best is null) return null;
        if (tie) return null; // the same town name in several candidate municipalities: the address does not decide
        m.Candidates = [bestMuni!]; // the town decides an ambiguous municipality name (府中市宮西町 is in 東京都)
        return best;
    }

    /// <summary>The town indexes of a municipality: its own, or for a designated city those of its wards.</summary>
    private static IEnumerable<TownIndex> TownIndexes(CompiledGazetteer g, string code)
    {
        if (g.TownsByMunicipality.TryGetValue(code, out var own)) yield return own;
        else if (g.WardsByCity.TryGetValue(code, out var wards))
            foreach (var w in wards)
                if (g.TownsByMunicipality.TryGetValue(w, out var wi)) yield return wi;
    }

    private static TownHit CompleteTown(TownIndex idx, ReadOnlySpan<char> value, PlaceNameIndex<TownName>.Entry e, int start, bool inAddress)
    {
        var town = e.Payloads[0];
        int end = start + e.Key.Length;
        var place = town.Town;
        if (town.Chome is { } chome && AddressNumbers.TryRead(value, end, out int n, out int numEnd, out bool isChome)
            && chome.TryGetValue(n, out var part))
        {
            place = part;
            end = isChome ? numEnd : numEnd - (numEnd > 0 && value[numEnd - 1] is '-' or 'ー' or '−' or '‐' or 'の' ? 1 : 0);
            if (!isChome) end = Math.Min(end, numEnd);
        }
        else if (idx.Koaza is { } koaza)
        {
            int k = end;
            if (value[k..].StartsWith("字")) k++;
            if (k < value.Length && koaza.LongestAt(value, k) is { } ke)
                foreach (var kp in ke.Payloads)
                    if (kp.Town == place.Town) { place = kp; end = k + ke.Key.Length; break; }
        }
        int townEnd = end;
        while (townEnd > start && value[townEnd - 1] is '-' or 'ー' or '−' or '‐' or 'の') townEnd--;
        int block = AddressNumbers.BlockEnd(value, end);
        return new TownHit(place, start, townEnd - start, Math.Max(block, end), inAddress || block > end);
    }

    /// <summary>The collections every resolve needs, reused per thread (cleared, they enumerate exactly as new
    /// ones: insertion order). Nothing in them outlives the call: results copy what they keep.</summary>
    private sealed class ResolveScratch
    {
        [ThreadStatic] private static ResolveScratch? t_free;
        private const int MaxKept = 256;

        public readonly HashSet<string> Prefs = new(StringComparer.Ordinal);
        public readonly HashSet<string> CitiesMentioned = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Mention> Munis = new(StringComparer.Ordinal);
        public readonly List<(TownHit Hit, Mention? Muni)> Towns = [];
        public readonly List<(GazetteerPlace Place, List<(int Start, int Length)> Spans, double Confidence)> Accepted = [];
        public readonly List<(GazetteerPlace Place, (int Start, int Length) Span)> Alternatives = [];

        /// <summary>This thread's scratch (taken, so a nested call would get its own), cleared.</summary>
        public static ResolveScratch Rent()
        {
            var s = t_free ?? new ResolveScratch();
            t_free = null;
            return s;
        }

        public void Return()
        {
            Prefs.Clear(); CitiesMentioned.Clear(); Munis.Clear(); Towns.Clear(); Accepted.Clear(); Alternatives.Clear();
            // A hostile text with thousands of place names does not pin large collections to the thread.
            if (Towns.Capacity <= MaxKept && Accepted.Capacity <= MaxKept && Alternatives.Capacity <= MaxKept) t_free = this;
        }
    }

    private static PostLocation? Resolve(NormalisedText text, Gazetteer gazetteer, CompiledGazetteer g, List<Mention> mentions)
    {
        var scratch = ResolveScratch.Rent();
        try { return Resolve(text, gazetteer, g, mentions, scratch); }
        finally { scratch.Return(); }
    }

    private static PostLocation? Resolve(NormalisedText text, Gazetteer gazetteer, CompiledGazetteer g, List<Mention> mentions, ResolveScratch scratch)
    {
        var value = text.Value.AsSpan();
        // 1. Prefectures, then counties, then municipalities and landmarks, each narrowed by what is already known.
        var prefs = scratch.Prefs;
        foreach (var m in mentions)
            if (m.Candidates.Length == 1 && m.Candidates[0].Place.Kind == PlaceKind.Prefecture)
            {
                m.Resolved = m.Candidates[0].Place;
                m.Role = m.Candidates[0].Role;
                prefs.Add(m.Resolved.Pref);
            }
        foreach (var m in mentions)
            if (m.Resolved is null && AllOfKind(m.Candidates, PlaceKind.County))
            {
                var narrowed = Narrow(m.Candidates, static (c, prefs) => prefs.Contains(c.Place.Pref), prefs);
                if (narrowed.Length == 1) { m.Resolved = narrowed[0].Place; prefs.Add(m.Resolved.Pref); }
            }

        var citiesMentioned = scratch.CitiesMentioned;
        foreach (var m in mentions)
            foreach (var c in m.Candidates)
                if (c.Role == NameRole.Full && c.Place.Kind == PlaceKind.Municipality && c.Place.LgCode is { } city && g.WardsByCity.ContainsKey(city))
                    citiesMentioned.Add(city);

        foreach (var m in mentions)
        {
            if (m.Resolved is not null || AllOfKind(m.Candidates, PlaceKind.County)) continue;
            // Filtered without LINQ or closures (per mention, on every post that names a place).
            var cands = Filter(m.Candidates, static (c, _) => c.Place.Kind != PlaceKind.County && c.Place.Kind != PlaceKind.Prefecture, 0);
            if (cands.Length == 0)
            {
                // A prefecture name shared with nothing else but written twice etc.
                var pc = m.Candidates.FirstOrDefault(c => c.Place.Kind == PlaceKind.Prefecture);
                if (pc is not null) { m.Resolved = pc.Place; m.Role = pc.Role; prefs.Add(pc.Place.Pref); }
                continue;
            }
            // Ward short names need their city; aliases give way to a different prefecture.
            int before = cands.Length;
            cands = Filter(cands, static (c, cities) => c.Role != NameRole.WardShort || cities.Contains(c.Place.ParentCode ?? ""), citiesMentioned);
            bool droppedWard = cands.Length < before;
            cands = Filter(cands, static (c, prefs) => c.Role != NameRole.Alias || prefs.Count == 0 || prefs.Contains(c.Place.Pref), prefs);
            if (cands.Length == 0) { m.Candidates = []; continue; }
            var competitors = m.Candidates;
            if (m.ChainedAfter?.Resolved is { Kind: PlaceKind.County } county)
                cands = Narrow(cands, static (c, county) => c.Place.County == county.Name && c.Place.Pref == county.Pref, county);
            cands = Narrow(cands, static (c, prefs) => prefs.Contains(c.Place.Pref), prefs);
            cands = Narrow(cands, static (c, s) => c.Place.ParentCode is { } pc && (s.citiesMentioned.Contains(pc) || ResolvedElsewhere(s.mentions, s.m, pc)),
                (citiesMentioned, mentions, m));
            bool contextual = prefs.Count > 0 && prefs.Contains(cands[0].Place.Pref);
            if (cands.Length == 1 && (!droppedWard || contextual))
            {
                m.Resolved = cands[0].Place;
                m.Role = cands[0].Role;
                continue;
            }
            var focused = gazetteer.FocusPrefectures.Count > 0 ? Filter(cands, static (c, focus) => focus.Contains(c.Place.Pref), gazetteer.FocusPrefectures) : [];
            if (focused.Length == 1)
            {
                m.Resolved = focused[0].Place;
                m.Role = focused[0].Role;
                m.ByFocus = true;
                continue;
            }
            m.Candidates = droppedWard ? competitors : cands; // still ambiguous (a dropped ward is still a competitor: 中央区)
        }
        // An address whose municipality was decided elsewhere must lie in it.
        foreach (var m in mentions)
            if (m.Address is { } a && m.Resolved is { } r && a.Town.ParentCode != r.LgCode
                && !(g.MunicipalityByCode.GetValueOrDefault(a.Town.ParentCode ?? "")?.ParentCode == r.LgCode))
                m.Address = null;

        var munis = scratch.Munis; // code → mention
        foreach (var m in mentions)
            if (m.Resolved is { Kind: PlaceKind.Municipality, LgCode: { } code }) munis.TryAdd(code, m);
        // A designated city mentioned together with one of its wards: the ward is the finer mention.
        if (munis.Count > 1)
            foreach (var code in munis.Keys.ToArray())
                if (munis.Values.Any(x => x.Resolved!.ParentCode == code)) munis.Remove(code);

        // 2. Towns: in addresses, elsewhere in a mentioned municipality, or (prefecture only) in the prefecture.
        var towns = scratch.Towns;
        foreach (var m in mentions)
            if (m.Address is { } a && m.Resolved is not null) towns.Add((a, m));
        List<List<TownHit>> prefTownGroups = [];
        bool scanPrefecture = munis.Count == 0 && towns.Count == 0 && prefs.Count == 1;
        if (munis.Count > 0 || scanPrefecture)
        {
            var covered = new List<(int Start, int End)>(mentions.Count);
            foreach (var m in mentions) covered.Add((m.Start, m.Address?.BlockEnd ?? m.Start + m.Length));
            var starts = TownStarts(g, value, covered);
            var hits = new List<TownHit>();
            if (starts.Count > 0)
                foreach (var (code, mm) in munis)
                    foreach (var idx in TownIndexes(g, code))
                    {
                        hits.Clear();
                        ScanTowns(idx, value, starts, hits);
                        foreach (var hit in hits) towns.Add((hit, mm));
                    }
            if (starts.Count > 0 && scanPrefecture && g.MunicipalitiesByPref.TryGetValue(prefs.First(), out var prefMunis))
            {
                hits.Clear();
                foreach (var pm in prefMunis)
                    if (g.TownsByMunicipality.TryGetValue(pm.LgCode!, out var idx))
                        ScanTowns(idx, value, starts, hits);
                if (hits.Count > 0) prefTownGroups = hits.GroupBy(h => h.Start).Select(x => x.ToList()).ToList();
            }
        }

        var accepted = scratch.Accepted;
        var alternatives = scratch.Alternatives;
        foreach (var grp in towns.Count == 0 ? [] : towns.GroupBy(t => t.Hit.Start))
        {
            var list = grp.DistinctBy(t => t.Hit.Town).ToList();
            if (list.Count == 1)
            {
                var (hit, muni) = list[0];
                var spans = new List<(int, int)> { (hit.Start, hit.Length) };
                if (hit.BlockEnd > hit.Start + hit.Length) spans.Add((hit.Start + hit.Length, hit.BlockEnd - hit.Start - hit.Length));
                double conf = hit.InAddress ? 0.9 : 0.8;
                if (muni is not null) { spans.Add((muni.Start, muni.Length)); if (muni.ByFocus) conf -= 0.2; if (muni.Role == NameRole.Alias) conf -= 0.1; }
                if (prefs.Contains(hit.Town.Pref)) conf += 0.05;
                accepted.Add((hit.Town, spans, conf));
            }
            else foreach (var t in list) alternatives.Add((t.Hit.Town, (t.Hit.Start, t.Hit.Length)));
        }
        foreach (var grp in prefTownGroups)
        {
            if (grp.Count == 1 && grp[0].Length >= 3 && !g.StemNames.Contains(text.Value.Substring(grp[0].Start, grp[0].Length)))
                accepted.Add((grp[0].Town, [(grp[0].Start, grp[0].Length)], 0.6 + 0.05));
            else foreach (var h in grp) alternatives.Add((h.Town, (h.Start, h.Length)));
        }
        // Landmarks.
        foreach (var m in mentions)
        {
            if (!m.Kind(PlaceKind.Landmark)) continue;
            if (m.Resolved is { Kind: PlaceKind.Landmark } lm)
            {
                double conf = m.ByFocus ? 0.6 : 0.85;
                var spans = new List<(int, int)> { (m.Start, m.Length) };
                if (lm.ParentCode is { } pc && munis.TryGetValue(pc, out var ctx)) { spans.Add((ctx.Start, ctx.Length)); conf += 0.05; }
                accepted.Add((lm, spans, conf));
            }
            else if (m.Resolved is null)
                foreach (var c in m.Candidates.Where(c => c.Place.Kind == PlaceKind.Landmark)) alternatives.Add((c.Place, (m.Start, m.Length)));
        }

        // (A loop, not a lambda: capturing `accepted` would allocate a closure on every call.)
        bool onePlace = accepted.Count >= 1 && alternatives.Count == 0;
        for (int i = 1; i < accepted.Count && onePlace; i++) onePlace = accepted[i].Place.Equals(accepted[0].Place);
        if (onePlace)
        {
            var (place, spans, conf) = accepted.MaxBy(a => a.Confidence);
            var evidence = spans; // not used again: the pref mentions are added in place
            AddPrefEvidence(mentions, place.Pref, evidence);
            return Build(text, place, place.Kind == PlaceKind.Landmark ? LocationLevels.Landmark : LocationLevels.Town, conf, evidence, []);
        }

        // Several specific places (or ambiguous ones): fall back to their common municipality or prefecture.
        var muniMentions = munis.Values.ToList();
        var unresolved = mentions.Where(m => m.Resolved is null && m.Kind(PlaceKind.Municipality)).ToList();
        if (accepted.Count + alternatives.Count > 0)
        {
            var specific = accepted.Select(a => (a.Place, Span: a.Spans[0])).Concat(alternatives).ToList();
            var codes = specific.Select(s => s.Place.ParentCode).Distinct().ToList();
            var alts = specific.Select(s => Alternative(s.Place, 0.3)).DistinctBy(a => (a.Name, a.LgCode)).Take(10).ToList();
            if (codes.Count == 1 && codes[0] is { } code && g.MunicipalityByCode.TryGetValue(code, out var muni)
                && (munis.ContainsKey(code) || accepted.Count > 0))
            {
                var evidence = specific.Select(s => s.Span).ToList();
                if (munis.TryGetValue(code, out var mm)) evidence.Add((mm.Start, mm.Length));
                return Build(text, muni, LocationLevels.Municipality, 0.6, evidence, alts);
            }
            if (muniMentions.Count == 1)
            {
                var only = muniMentions[0];
                return Build(text, only.Resolved!, LocationLevels.Municipality, 0.6, [(only.Start, only.Length)], alts);
            }
            var prefsOfSpecific = specific.Select(s => s.Place.Pref).Distinct().ToList();
            if (prefsOfSpecific.Count == 1 && prefs.Contains(prefsOfSpecific[0]) && g.PrefectureByName.TryGetValue(prefsOfSpecific[0], out var pref))
            {
                var evidence = new List<(int, int)>();
                AddPrefEvidence(mentions, pref.Pref, evidence);
                return Build(text, pref, LocationLevels.Prefecture, 0.4, evidence, alts);
            }
            if (muniMentions.Count == 0 && prefs.Count == 0) return null;
        }

        if (muniMentions.Count == 1 && unresolved.Count == 0)
        {
            var m = muniMentions[0];
            var place = m.Resolved!;
            double conf = m.Role == NameRole.Alias ? 0.5 : m.InHashtag ? 0.7 : 0.75;
            if (prefs.Contains(place.Pref)) conf += 0.05;
            if (m.ByFocus) conf -= 0.25;
            var evidence = new List<(int, int)> { (m.Start, m.Length) };
            AddPrefEvidence(mentions, place.Pref, evidence);
            return Build(text, place, LocationLevels.Municipality, conf, evidence, []);
        }
        if (muniMentions.Count + unresolved.Count > 1 || unresolved.Count == 1)
        {
            var candidates = muniMentions.Select(m => m.Resolved!)
                .Concat(unresolved.SelectMany(m => m.Candidates.Where(c => c.Place.Kind == PlaceKind.Municipality).Select(c => c.Place)))
                .Distinct().ToList();
            var alts = candidates.Select(p => Alternative(p, 0.4)).Take(10).ToList();
            var prefNames = candidates.Select(p => p.Pref).Distinct().ToList();
            var spans = muniMentions.Concat(unresolved).Select(m => (m.Start, m.Length)).ToList();
            if (prefNames.Count == 1 && g.PrefectureByName.TryGetValue(prefNames[0], out var pref))
            {
                AddPrefEvidence(mentions, pref.Pref, spans);
                return Build(text, pref, LocationLevels.Prefecture, 0.45, spans, alts);
            }
            return null;
        }

        var prefMentions = mentions.Where(m => m.Resolved?.Kind == PlaceKind.Prefecture).ToList();
        var distinctPrefs = prefMentions.Select(m => m.Resolved!.Pref).Distinct().ToList();
        if (distinctPrefs.Count == 1)
        {
            bool full = prefMentions.Exists(m => m.Role == NameRole.Full);
            return Build(text, prefMentions[0].Resolved!, LocationLevels.Prefecture, full ? 0.6 : 0.4,
                prefMentions.Select(m => (m.Start, m.Length)).ToList(), []);
        }
        return null;
    }

    /// <summary>The candidates <paramref name="keep"/> accepts, or all of them when it accepts none.</summary>
    private static PlaceName[] Narrow<TState>(PlaceName[] candidates, Func<PlaceName, TState, bool> keep, TState state)
    {
        if (candidates.Length <= 1) return candidates;
        var kept = Filter(candidates, keep, state);
        return kept.Length > 0 ? kept : candidates;
    }

    /// <summary>The candidates <paramref name="keep"/> accepts, in order; the same array when it accepts all
    /// (candidate arrays are never modified). A static predicate with explicit state allocates nothing.</summary>
    private static PlaceName[] Filter<TState>(PlaceName[] candidates, Func<PlaceName, TState, bool> keep, TState state)
    {
        int firstDropped = -1;
        for (int i = 0; i < candidates.Length && firstDropped < 0; i++)
            if (!keep(candidates[i], state)) firstDropped = i;
        if (firstDropped < 0) return candidates;
        var kept = new List<PlaceName>(candidates.Length - 1);
        for (int i = 0; i < candidates.Length; i++)
            if (i < firstDropped || (i > firstDropped && keep(candidates[i], state))) kept.Add(candidates[i]);
        return kept.Count == 0 ? [] : [.. kept];
    }

    private static bool AllOfKind(PlaceName[] candidates, PlaceKind kind)
    {
        foreach (var c in candidates) if (c.Place.Kind != kind) return false;
        return true;
    }

    private static bool ResolvedElsewhere(List<Mention> mentions, Mention m, string code)
    {
        foreach (var x in mentions) if (x != m && x.Resolved?.LgCode == code) return true;
        return false;
    }

    /// <summary>Positions where a town name may start: not right after an ideograph (the tail of
    /// another word), not inside a mention or address, and on a character pair some town name in the
    /// country starts with. Computed once per text, then probed per mentioned municipality.</summary>
    private static List<int> TownStarts(CompiledGazetteer g, ReadOnlySpan<char> value, List<(int Start, int End)> covered)
    {
        var starts = new List<int>();
        for (int i = 0; i + 1 < value.Length; i++)
        {
            if (i > 0 && PlaceChars.IsIdeograph(value[i - 1])) continue;
            if (!g.TownStartPairs.MayContain(PlaceNameIndex<TownName>.PairAt(value, i))) continue;
            bool inside = false;
            foreach (var (s, e) in covered) if (i >= s && i < e) { inside = true; break; }
            if (!inside) starts.Add(i);
        }
        return starts;
    }

    /// <summary>Towns of one municipality mentioned anywhere else in the text (not inside another mention).</summary>
    private static void ScanTowns(TownIndex idx, ReadOnlySpan<char> value, List<int> starts, List<TownHit> into)
    {
        int next = 0;
        foreach (int i in starts)
        {
            if (i < next) continue;
            if (idx.Names.LongestAt(value, i) is not { } entry || entry.Payloads[0].IsArea) continue;
            int end = i + entry.Key.Length;
            bool followedByNumber = end < value.Length && char.IsAsciiDigit(value[end]);
            if (entry.Key.Length < 2 || (PlaceContext.IsCommonWord(entry.Key) && !followedByNumber)) continue;
            if (end < value.Length && PlaceChars.IsIdeograph(value[end]) && !PlaceContext.IsLocativeSuffix(value[end])
                && !(entry.Payloads[0].Chome is not null)) continue;
            var hit = CompleteTown(idx, value, entry, i, inAddress: false);
            into.Add(hit);
            next = hit.BlockEnd;
        }
    }

    private static void AddPrefEvidence(List<Mention> mentions, string pref, List<(int Start, int Length)> evidence)
    {
        foreach (var m in mentions)
            if (m.Resolved is { Kind: PlaceKind.Prefecture or PlaceKind.County } p && p.Pref == pref) evidence.Add((m.Start, m.Length));
    }

    private static LocationAlternative Alternative(GazetteerPlace p, double confidence) =>
        new(p.Kind == PlaceKind.Town || p.Kind == PlaceKind.Landmark ? $"{p.City}{p.Name}" : p.Kind == PlaceKind.Municipality ? $"{p.Pref}{p.Name}" : p.Name,
            p.Kind switch { PlaceKind.Town => LocationLevels.Town, PlaceKind.Landmark => LocationLevels.Landmark, PlaceKind.Prefecture => LocationLevels.Prefecture, _ => LocationLevels.Municipality },
            p.LgCode, p.Lat, p.Lon, confidence);

    private static PostLocation Build(NormalisedText text, GazetteerPlace place, string level, double confidence,
        List<(int Start, int Length)> evidence, IReadOnlyList<LocationAlternative> alternatives)
    {
        // Distinct spans (first occurrence kept), stably ordered by start: a handful, so insertion sort in place.
        for (int i = evidence.Count - 1; i > 0; i--)
            if (evidence.IndexOf(evidence[i]) < i) evidence.RemoveAt(i);
        for (int i = 1; i < evidence.Count; i++)
            for (int j = i; j > 0 && evidence[j - 1].Start > evidence[j].Start; j--)
                (evidence[j - 1], evidence[j]) = (evidence[j], evidence[j - 1]);
        var spans = new EvidenceSpan[evidence.Count];
        for (int i = 0; i < spans.Length; i++)
        {
            var (os, ol) = text.ToOriginal(evidence[i].Start, evidence[i].Length);
            spans[i] = new EvidenceSpan(text.Original.Substring(os, ol), os, ol);
        }
        string? town = level is LocationLevels.Town ? (place.Koaza is { } k ? $"{place.Town}{k}" : place.Town) : null;
        return new PostLocation
        {
            Lat = place.Lat, Lon = place.Lon, Level = level, LgCode = place.LgCode, Pref = place.Pref,
            City = place.Kind == PlaceKind.Prefecture ? null : place.City,
            Town = town,
            Confidence = Math.Round(Math.Clamp(confidence, 0, 1), 2), Source = "text", Evidence = spans, Alternatives = alternatives,
        };
    }

    private static bool IsValid(double lat, double lon) =>
        double.IsFinite(lat) && double.IsFinite(lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 && !(lat == 0 && lon == 0);

    internal static double DistanceKm(double lat1, double lon1, double lat2, double lon2) => GeoMath.DistanceKm(lat1, lon1, lat2, lon2);
}
