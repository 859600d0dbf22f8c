using System.Text;

namespace SnsDashboard.Core.Geo.Import;

/// <summary>
/// On-disk cache of a validated build (a compact binary file), keyed by the sources' fingerprint
/// (paths, sizes, modification times): start-up skips parsing ~2,000 JSON files when nothing changed.
/// A cache that does not match, or cannot be read, is ignored (and rebuilt by the caller).
/// </summary>
public static class GazetteerCache
{
    private const string Magic = "SNSGAZ2";

    public static void Write(string path, Gazetteer g, string fingerprint)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string tmp = path + ".tmp";
        using (var w = new BinaryWriter(File.Create(tmp), Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(fingerprint);
            w.Write(g.Version);
            w.Write(g.Places.Count);
            foreach (var p in g.Places)
            {
                w.Write((byte)p.Kind);
                w.Write(p.Name);
                w.Write(p.Pref);
                foreach (var s in new[] { p.LgCode, p.County, p.City, p.Town, p.Koaza, p.Reading, p.Category, p.ParentCode }) WriteOpt(w, s);
                w.Write(p.Lat);
                w.Write(p.Lon);
                w.Write((byte)p.Aliases.Count);
                foreach (var a in p.Aliases) w.Write(a);
            }
            w.Write(g.Boundaries.Count);
            foreach (var b in g.Boundaries)
            {
                w.Write(b.LgCode);
                w.Write(b.Rings.Count);
                foreach (var r in b.Rings)
                {
                    w.Write(r.Length);
                    foreach (var d in r) w.Write((float)d); // ~1 m precision is plenty for simplified boundaries
                }
            }
        }
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The cached gazetteer if the file exists and matches <paramref name="fingerprint"/>, else null.</summary>
    public static Gazetteer? TryRead(string path, string fingerprint)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var r = new BinaryReader(new BufferedStream(File.OpenRead(path), 1 << 16), Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadString() != fingerprint) return null;
            string version = r.ReadString();
            int n = r.ReadInt32();
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            string Intern(string s) => pool.TryGetValue(s, out var x) ? x : pool[s] = s;
            string? Opt() => r.ReadBoolean() ? Intern(r.ReadString()) : null;
            var places = new GazetteerPlace[n];
            for (int i = 0; i < n; i++)
            {
                var kind = (PlaceKind)r.ReadByte();
                string name = r.ReadString(), pref = Intern(r.ReadString());
                string? lg = Opt(), county = Opt(), city = Opt(), town = Opt(), koaza = Opt(), reading = Opt(), category = Opt(), parent = Opt();
                double lat = r.ReadDouble(), lon = r.ReadDouble();
                int na = r.ReadByte();
                var aliases = new string[na];
                for (int a = 0; a < na; a++) aliases[a] = r.ReadString();
                places[i] = new GazetteerPlace
                {
                    Kind = kind, Name = town == name ? town : name, Pref = pref, LgCode = lg, County = county, City = city, Town = town,
                    Koaza = koaza, Reading = reading, Category = category, ParentCode = parent, Lat = lat, Lon = lon, Aliases = aliases,
                };
            }
            int nb = r.ReadInt32();
            var boundaries = new List<MunicipalityBoundary>(nb);
            for (int i = 0; i < nb; i++)
            {
                string code = r.ReadString();
                int nr = r.ReadInt32();
                var rings = new List<double[]>(nr);
                for (int k = 0; k < nr; k++)
                {
                    var ring = new double[r.ReadInt32()];
                    for (int j = 0; j < ring.Length; j++) ring[j] = r.ReadSingle();
                    rings.Add(ring);
                }
                boundaries.Add(new MunicipalityBoundary(code, rings));
            }
            return Gazetteer.FromPlaces(version, places, boundaries);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or InvalidDataException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteOpt(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }
}
