using System.ComponentModel.DataAnnotations;
using SnsDashboard.Core.Geo;
using static SnsDashboard.Tests.TestPosts;

namespace SnsDashboard.Tests.Geo;

public class AuthorContextOptionsTests
{
    private static List<string> Errors(AuthorContextOptions o)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    [Fact]
    public void Defaults_are_three_hours_and_100k_authors_and_valid()
    {
        var o = new AuthorContextOptions();
        Assert.Equal((3.0, 100_000), (o.WindowHours, o.MaxAuthors));
        Assert.Empty(Errors(o));
        var ctx = o.CreateContext();
        Assert.Equal((TimeSpan.FromHours(3), 100_000), (ctx.Window, ctx.Capacity));
    }

    [Theory]
    [InlineData(-1, 100, "Geolocation:AuthorContext:WindowHours must be between 0 and 24 hours")]
    [InlineData(25, 100, "Geolocation:AuthorContext:WindowHours must be between 0 and 24 hours")]
    [InlineData(3, 0, "Geolocation:AuthorContext:MaxAuthors must be between 1 and 1000000")]
    [InlineData(3, 2_000_000, "Geolocation:AuthorContext:MaxAuthors must be between 1 and 1000000")]
    public void Out_of_range_values_are_rejected_naming_the_key(double hours, int authors, string message)
    {
        var error = Assert.Single(Errors(new AuthorContextOptions { WindowHours = hours, MaxAuthors = authors }));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void The_configured_window_and_bound_apply()
    {
        var ctx = new AuthorContextOptions { WindowHours = 0.5, MaxAuthors = 1 }.CreateContext();
        var report = Make("熊本市東区健軍本町で家が倒壊、閉じ込められています", "p1", "u1");
        Assert.True(ctx.Remember(report, Locate(report)));
        Assert.NotNull(ctx.Apply(Make("まだ救助が来ません", "p2", "u1") with { CreatedAt = Now.AddMinutes(30) }, null, relevant: true));
        Assert.Null(ctx.Apply(Make("まだ救助が来ません", "p3", "u1") with { CreatedAt = Now.AddMinutes(31) }, null, relevant: true));

        var other = Make("熊本市東区健軍本町で家が倒壊", "p4", "u2") with { CreatedAt = Now.AddMinutes(1) };
        Assert.True(ctx.Remember(other, Locate(other)));
        Assert.Equal(1, ctx.Count);
        Assert.Null(ctx.Apply(Make("まだ救助が来ません", "p5", "u1") with { CreatedAt = Now.AddMinutes(2) }, null, relevant: true));
    }

    private static SnsDashboard.Core.Analysis.PostLocation? Locate(SnsDashboard.Core.Posts.Post p) =>
        TextGeolocator.Locate(p, SnsDashboard.Core.Text.TextNormaliser.Normalise(p.Text), DemoGaz);
}
