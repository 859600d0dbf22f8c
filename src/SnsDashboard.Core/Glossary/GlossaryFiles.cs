using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SnsDashboard.Core.Analysis;

namespace SnsDashboard.Core.Glossary;

/// <summary>
/// Converts glossary content to and from its exchange formats: the folder of TSV files (the
/// baseline, diff-friendly), JSON (the store and API) and CSV (analysts' spreadsheets, UTF-8 with
/// BOM or Shift_JIS for Excel). Readers never throw on content: they return issues naming the
/// file/line/term, and the caller refuses the whole import when any is an error.
/// </summary>
public static class GlossaryFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record JsonTerm(string Term, string Category, string[] Hazards, double Weight, string[] Variants, string[]? Contexts, string? SubCategory);
    private sealed record JsonExclusion(string Term, string Kind);
    private sealed record JsonHashtag(string Tag, string? Category, string[] Hazards, string Priority);
    private sealed record JsonGlossary(string Version, JsonTerm[] Terms, JsonExclusion[] Exclusions, JsonHashtag[] Hashtags);

    public static string ToJson(GlossaryContent g) => JsonSerializer.Serialize(new JsonGlossary(g.Version,
        g.Terms.Select(t => new JsonTerm(t.Term, t.Category, [.. t.Hazards], t.Weight, [.. t.Variants],
            t.Contexts.Count == 0 ? null : [.. t.Contexts], t.SubCategory)).ToArray(),
        g.Exclusions.Select(e => new JsonExclusion(e.Term, e.Kind)).ToArray(),
        g.Hashtags.Select(h => new JsonHashtag(h.Tag, h.Category, [.. h.Hazards], h.Priority)).ToArray()), Json);

    /// <summary>Reads JSON written by <see cref="ToJson"/>; a malformed document is one error issue.</summary>
    public static GlossaryContent? FromJson(string json, string origin, List<GlossaryIssue> issues)
    {
        JsonGlossary? doc;
        try { doc = JsonSerializer.Deserialize<JsonGlossary>(json, Json); }
        catch (JsonException e)
        {
            issues.Add(GlossaryIssue.Error(origin, (int)(e.LineNumber ?? -1) + 1, null, $"not a glossary JSON document: {e.Message}"));
            return null;
        }
        if (doc?.Terms is null) { issues.Add(GlossaryIssue.Error(origin, 0, null, "not a glossary JSON document (no \"terms\")")); return null; }
        return new GlossaryContent(doc.Version ?? "import",
            doc.Terms.Select((t, i) => new GlossaryTerm(t.Term ?? "", t.Category ?? "", t.Hazards ?? [], t.Weight, t.Variants ?? [])
            { Contexts = t.Contexts ?? [], SubCategory = t.SubCategory, Origin = $"{origin}:terms[{i}]" }).ToArray(),
            (doc.Exclusions ?? []).Select((e, i) => new GlossaryExclusion(e.Term ?? "", e.Kind ?? "") { Origin = $"{origin}:exclusions[{i}]" }).ToArray(),
            (doc.Hashtags ?? []).Select((h, i) => new GlossaryHashtag(h.Tag ?? "", h.Category, h.Hazards ?? [], h.Priority ?? "")
            { Origin = $"{origin}:hashtags[{i}]" }).ToArray());
    }

    // ---- the folder of TSV files -------------------------------------------------------------

    /// <summary>The folder's files (name → text) in the README format; categories without terms get no file.</summary>
    public static IReadOnlyList<(string File, string Text)> ToFolder(GlossaryContent g)
    {
        var files = new List<(string, string)>();
        foreach (var group in g.Terms.GroupBy(t => t.Category).OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            var sb = new StringBuilder();
            sb.Append("# ").Append(group.Key).Append(" — see README.md\n# term\thazards\tweight\tvariants\tcontexts\tsub-category\n");
            foreach (var t in group)
                sb.Append(t.Term).Append('\t').Append(Col(t.Hazards, ",")).Append('\t').Append(t.Weight.ToString(CultureInfo.InvariantCulture))
                  .Append('\t').Append(Col(t.Variants, "|")).Append('\t').Append(Col(t.Contexts, "|")).Append('\t').Append(t.SubCategory ?? "-").Append('\n');
            string name = group.Key == GlossaryTerm.HazardOnly ? GlossaryLoader.HazardsFile : group.Key + ".tsv";
            files.Add((name, sb.ToString()));
        }
        var ex = new StringBuilder("# exclusions — term\tkind\n");
        foreach (var e in g.Exclusions) ex.Append(e.Term).Append('\t').Append(e.Kind).Append('\n');
        files.Add((GlossaryLoader.ExclusionsFile, ex.ToString()));
        var tags = new StringBuilder("# hashtags — tag\tcategory\thazards\tpriority\n");
        foreach (var h in g.Hashtags) tags.Append(h.Tag).Append('\t').Append(h.Category ?? "-").Append('\t').Append(Col(h.Hazards, ",")).Append('\t').Append(h.Priority).Append('\n');
        files.Add((GlossaryLoader.HashtagsFile, tags.ToString()));
        return files;
    }

    private static string Col(IReadOnlyList<string> values, string sep) => values.Count == 0 ? "-" : string.Join(sep, values);

    // ---- CSV ----------------------------------------------------------------------------------

    /// <summary>Column header of the CSV exchange format: one row per term, exclusion or hashtag.</summary>
    public static readonly string[] CsvHeader = ["type", "category", "term", "hazards", "weight", "variants", "contexts", "sub_category", "exclusion_kind", "priority"];

    public static string ToCsv(GlossaryContent g)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', CsvHeader).Append("\r\n");
        foreach (var t in g.Terms)
            Row(sb, "term", t.Category, t.Term, string.Join(",", t.Hazards), t.Weight.ToString(CultureInfo.InvariantCulture),
                string.Join("|", t.Variants), string.Join("|", t.Contexts), t.SubCategory ?? "", "", "");
        foreach (var e in g.Exclusions) Row(sb, "exclusion", "", e.Term, "", "", "", "", "", e.Kind, "");
        foreach (var h in g.Hashtags) Row(sb, "hashtag", h.Category ?? "", h.Tag, string.Join(",", h.Hazards), "", "", "", "", "", h.Priority);
        return sb.ToString();
    }

    /// <summary>CSV bytes for Excel: UTF-8 with BOM, or Shift_JIS (code page 932).</summary>
    public static byte[] ToCsvBytes(GlossaryContent g, bool shiftJis)
    {
        string csv = ToCsv(g);
        return shiftJis ? ShiftJis.GetBytes(csv) : [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
    }

    /// <summary>Shift_JIS (CP932) from the code-pages provider, which is registered on first use.</summary>
    public static Encoding ShiftJis
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    /// <summary>
    /// Decodes uploaded CSV bytes: a UTF-8 BOM or valid UTF-8 is read as UTF-8, anything else is
    /// tried as Shift_JIS. Bytes valid in neither yield an error issue and null.
    /// </summary>
    public static string? DecodeCsv(byte[] bytes, string origin, List<GlossaryIssue> issues)
    {
        var bom = Encoding.UTF8.GetPreamble();
        if (bytes.AsSpan().StartsWith(bom)) bytes = bytes[bom.Length..];
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { }
        try { return ShiftJis.GetString(bytes); }
        catch (DecoderFallbackException e)
        {
            issues.Add(GlossaryIssue.Error(origin, 0, null,
                $"the file is neither UTF-8 nor Shift_JIS (invalid byte at offset {e.Index}); save it as CSV UTF-8 or CSV (Shift_JIS)"));
            return null;
        }
    }

    /// <summary>Parses CSV text in the <see cref="CsvHeader"/> format; issues name the line and term.</summary>
    public static GlossaryContent? FromCsv(string csv, string origin, List<GlossaryIssue> issues)
    {
        var rows = ParseCsv(csv);
        if (rows.Count == 0 || !rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).SequenceEqual(CsvHeader))
        {
            issues.Add(GlossaryIssue.Error(origin, 1, null, $"the first line must be the header {string.Join(",", CsvHeader)}"));
            return null;
        }
        var terms = new List<GlossaryTerm>();
        var exclusions = new List<GlossaryExclusion>();
        var hashtags = new List<GlossaryHashtag>();
        int before = issues.Count;
        foreach (var (line, f) in rows.Skip(1))
        {
            if (f.All(string.IsNullOrWhiteSpace)) continue;
            if (f.Length != CsvHeader.Length)
            {
                issues.Add(GlossaryIssue.Error(origin, line, null, $"expected {CsvHeader.Length} fields, found {f.Length}"));
                continue;
            }
            string type = f[0].Trim(), term = f[2].Trim();
            string[] hazards = Split(f[3], ',');
            switch (type)
            {
                case "term":
                    if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out double w))
                    {
                        issues.Add(GlossaryIssue.Error(origin, line, term, $"weight '{f[4]}' is not a number"));
                        continue;
                    }
                    terms.Add(new GlossaryTerm(term, f[1].Trim(), hazards, w, Split(f[5], '|'))
                    { Contexts = Split(f[6], '|'), SubCategory = f[7].Trim() is { Length: > 0 } s ? s : null, Origin = $"{origin}:{line}" });
                    break;
                case "exclusion":
                    exclusions.Add(new GlossaryExclusion(term, f[8].Trim()) { Origin = $"{origin}:{line}" });
                    break;
                case "hashtag":
                    hashtags.Add(new GlossaryHashtag(term, f[1].Trim() is { Length: > 0 } c ? c : null, hazards, f[9].Trim()) { Origin = $"{origin}:{line}" });
                    break;
                default:
                    issues.Add(GlossaryIssue.Error(origin, line, term, $"unknown type '{type}' (expected term, exclusion or hashtag)"));
                    break;
            }
        }
        if (terms.Count + exclusions.Count + hashtags.Count == 0 && issues.Count == before)
            issues.Add(GlossaryIssue.Error(origin, 0, null, "the file has no rows"));
        return new GlossaryContent("import", terms, exclusions, hashtags);
    }

    private static string[] Split(string value, char sep) =>
        value.Split(sep, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static void Row(StringBuilder sb, params string[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(',');
            string f = fields[i];
            // A leading =, +, - or @ would make Excel evaluate the cell: quote-prefix it.
            if (f.Length > 0 && f[0] is '=' or '+' or '@' && f != "-") f = "'" + f;
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(f.Replace("\"", "\"\"")).Append('"');
            else sb.Append(f);
        }
        sb.Append("\r\n");
    }

    /// <summary>RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<(int Line, string[] Fields)> ParseCsv(string text)
    {
        var rows = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, rowLine = 1;
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    rows.Add((rowLine, fields.ToArray())); fields.Clear();
                    rowLine = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); rows.Add((rowLine, fields.ToArray())); }
        return rows;
    }
}
