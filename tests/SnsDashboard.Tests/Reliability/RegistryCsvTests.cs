using SnsDashboard.Core.Reliability;

namespace SnsDashboard.Tests.Reliability;

public class RegistryCsvTests
{
    private const string Header = "source,account_id,name,kind,sector,confirmed_reports,refuted_reports\n";

    [Fact]
    public void Export_then_import_round_trips_names_with_commas_quotes_and_newlines()
    {
        var accounts = new[]
        {
            new RegisteredAccount("x", "a1", "熊本県, 危機管理防災課 \"公式\"", AccountKinds.Official) { Sector = "government" },
            new RegisteredAccount("mastodon:mstdn.example.jp", "r1", "リポーター\n一号", AccountKinds.Reporter) { ConfirmedReports = 6, RefutedReports = 1 },
        };
        var parsed = RegistryCsv.Parse(RegistryCsv.Export(accounts));
        Assert.True(parsed.Ok, string.Join("; ", parsed.Errors));
        Assert.Equal(accounts.OrderBy(a => a.Source, StringComparer.Ordinal), parsed.Accounts);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_line_and_field_and_nothing_is_returned()
    {
        var r = RegistryCsv.Parse(Header + "x,ok,Good,official,,,\nx,,NoId,media,,,\nx,ok,Dup,media,,,\nfacebook,f1,F,media,,,\nx,k,K,king,,x,\nx,short\n\"x,unterminated");
        Assert.False(r.Ok);
        Assert.Empty(r.Accounts);
        Assert.Contains(r.Errors, e => e.Line == 3 && e.Field == "account_id" && e.Message == "required");
        Assert.Contains(r.Errors, e => e.Line == 4 && e.Message.Contains("duplicated handle x/ok (first on line 2)"));
        Assert.Contains(r.Errors, e => e.Line == 5 && e.Field == "source" && e.Message.Contains("unknown source"));
        Assert.Contains(r.Errors, e => e.Line == 6 && e.Field == "kind");
        Assert.Contains(r.Errors, e => e.Line == 6 && e.Field == "confirmed_reports");
        Assert.Contains(r.Errors, e => e.Line == 7 && e.Message.Contains("expected 7 fields"));
        Assert.Contains(r.Errors, e => e.Message.Contains("unterminated"));
    }

    [Fact]
    public void Wrong_header_or_empty_file_is_refused()
    {
        Assert.Contains("header", RegistryCsv.Parse("id,name\nx,y\n").Errors[0].Message);
        Assert.False(RegistryCsv.Parse("").Ok);
    }

    [Fact]
    public void Export_neutralises_spreadsheet_formulas()
    {
        var csv = RegistryCsv.Export([new RegisteredAccount("x", "a", "=HYPERLINK(\"http://evil\")", AccountKinds.Media)]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
    }
}
