using System.Globalization;
using System.Text;

namespace SnsDashboard.Core.Reliability;

/// <summary>
/// CSV import and export of the account registry (pure). Columns, with a header line:
/// <c>source,account_id,name,kind,sector,confirmed_reports,refuted_reports</c>. Quoting follows
/// RFC 4180. An import is all or nothing: <see cref="Parse"/> returns every error it finds (line,
/// field, message) and no accounts when there is any, so a half-valid file is never applied.
/// </summary>
public static class RegistryCsv
{
    public static readonly string[] Columns = ["source", "account_id", "name", "kind", "sector", "confirmed_reports", "refuted_reports"];
    public const int MaxRows = 100_000;
    private static readonly string[] Kinds = [AccountKinds.Official, AccountKinds.Media, AccountKinds.Reporter];

    public static RegistryCsvResult Parse(string csv)
    {
        var errors = new List<RegistryCsvError>();
        var accounts = new List<RegisteredAccount>();
        var seen = new Dictionary<(string, string), int>();
        var rows = ReadRows(csv, errors);
        if (rows.Count == 0)
        {
            if (errors.Count == 0) errors.Add(new(1, null, "the file is empty (a header line is required)"));
            return new([], errors);
        }
        var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            errors.Add(new(rows[0].Line, null, $"the header must be: {string.Join(",", Columns)}"));
            return new([], errors);
        }
        if (rows.Count - 1 > MaxRows) errors.Add(new(rows[MaxRows + 1].Line, null, $"more than {MaxRows} rows"));
        foreach (var (line, fields) in rows.Skip(1).Take(MaxRows))
        {
            if (fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            if (fields.Count != Columns.Length)
            {
                errors.Add(new(line, null, $"expected {Columns.Length} fields, found {fields.Count}"));
                continue;
            }
            string Get(int i) => fields[i].Trim();
            int before = errors.Count;
            var source = Get(0);
            var id = Get(1);
            var name = Get(2);
            var kind = Get(3).ToLowerInvariant();
            errors.AddRange(Check(source, id, name, kind).Select(e => e with { Line = line }));
            int confirmed = Count(Get(5), line, "confirmed_reports", errors);
            int refuted = Count(Get(6), line, "refuted_reports", errors);
            if (source.Length > 0 && id.Length > 0)
            {
                if (seen.TryGetValue((source, id), out int firstLine))
                    errors.Add(new(line, "account_id", $"duplicated handle {source}/{id} (first on line {firstLine})"));
                else seen[(source, id)] = line;
            }
            if (errors.Count == before)
                accounts.Add(new RegisteredAccount(source, id, name, kind)
                {
                    Sector = Get(4) is { Length: > 0 } sector ? sector : null,
                    ConfirmedReports = confirmed,
                    RefutedReports = refuted,
                });
        }
        return errors.Count > 0 ? new([], errors) : new(accounts, []);
    }

    /// <summary>The field rules shared by imports and the edit form (line 0 = not from a file).</summary>
    public static IEnumerable<RegistryCsvError> Check(string source, string accountId, string name, string kind)
    {
        if (source.Length == 0) yield return new(0, "source", "required");
        else if (!KnownSources.IsKnown(source)) yield return new(0, "source", $"unknown source \"{source}\" (known: {KnownSources.Description})");
        if (accountId.Length == 0) yield return new(0, "account_id", "required");
        if (name.Length == 0) yield return new(0, "name", "required");
        if (!Kinds.Contains(kind)) yield return new(0, "kind", $"must be one of {string.Join(", ", Kinds)}, not \"{kind}\"");
    }

    public static string Export(IEnumerable<RegisteredAccount> accounts)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", Columns)).Append("\r\n");
        foreach (var a in accounts.OrderBy(a => a.Source, StringComparer.Ordinal).ThenBy(a => a.AccountId, StringComparer.Ordinal))
        {
            string[] cells = [a.Source, a.AccountId, a.Name, a.Kind, a.Sector ?? "",
                a.ConfirmedReports.ToString(CultureInfo.InvariantCulture), a.RefutedReports.ToString(CultureInfo.InvariantCulture)];
            sb.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");
        }
        return sb.ToString();
    }

    private static int Count(string s, int line, string field, List<RegistryCsvError> errors)
    {
        if (s.Length == 0) return 0;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return n;
        errors.Add(new(line, field, $"must be a whole number ≥ 0, not \"{s}\""));
        return 0;
    }

    /// <summary>Quotes when needed; a leading = + - @ is neutralised so a spreadsheet never runs
    /// a cell as a formula (names are typed by people and may come from posts).</summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' && !int.TryParse(cell, out _)) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }

    private static List<(int Line, List<string> Fields)> ReadRows(string csv, List<RegistryCsvError> errors)
    {
        var rows = new List<(int, List<string>)>();
        int i = 0, line = 1;
        if (csv.Length > 0 && csv[0] == '\uFEFF') i = 1;
        while (i < csv.Length)
        {
            int startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, endOfRow = false;
            while (i < csv.Length && !endOfRow)
            {
                char c = csv[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    if (c == '"') { quoted = false; i++; continue; }
                    if (c == '\n') line++;
                    field.Append(c); i++;
                    continue;
                }
                switch (c)
                {
                    case '"' when field.Length == 0: quoted = true; i++; break;
                    case ',': fields.Add(field.ToString()); field.Clear(); i++; break;
                    case '\r': i++; break;
                    case '\n': endOfRow = true; line++; i++; break;
                    default: field.Append(c); i++; break;
                }
            }
            if (quoted) errors.Add(new(startLine, null, "unterminated quoted field"));
            fields.Add(field.ToString());
            rows.Add((startLine, fields));
        }
        return rows;
    }
}

public sealed record RegistryCsvResult(IReadOnlyList<RegisteredAccount> Accounts, IReadOnlyList<RegistryCsvError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>One problem in an import: the file line (1-based), the column (null for the whole row) and what is wrong.</summary>
public sealed record RegistryCsvError(int Line, string? Field, string Message)
{
    public override string ToString() => Field is null ? $"line {Line}: {Message}" : $"line {Line}, {Field}: {Message}";
}

/// <summary>The sources a registry entry may name: "x", "bluesky", "webhook", or
/// "mastodon:&lt;host&gt;" / "misskey:&lt;host&gt;".</summary>
public static class KnownSources
{
    public const string Description = "x, bluesky, webhook, mastodon:<host>, misskey:<host>";

    public static bool IsKnown(string source) =>
        source is "x" or "bluesky" or "webhook"
        || (source.StartsWith("mastodon:", StringComparison.Ordinal) || source.StartsWith("misskey:", StringComparison.Ordinal))
           && Uri.CheckHostName(source[(source.IndexOf(':') + 1)..]) == UriHostNameType.Dns;
}
