using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Core.Geo;

/// <summary>Configuration section <c>Geolocation:AuthorContext</c>: how long, and for how many
/// authors, a located report places the same author's later reports (<see cref="AuthorLocationContext"/>).</summary>
public sealed class AuthorContextOptions
{
    public const string Section = "Geolocation:AuthorContext";

    /// <summary>How long an author's located report places their later ones, in hours; 0 switches
    /// the same-author context off. People move: a long window sends a team to where the author was.</summary>
    [Range(0.0, 24.0, ErrorMessage = "Geolocation:AuthorContext:WindowHours must be between {1} and {2} hours (0 switches the same-author context off).")]
    public double WindowHours { get; set; } = AuthorLocationContext.DefaultMaxAge.TotalHours;

    /// <summary>Most authors remembered (least recently seen dropped first); bounds the memory.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Geolocation:AuthorContext:MaxAuthors must be between {1} and {2}.")]
    public int MaxAuthors { get; set; } = AuthorLocationContext.DefaultCapacity;

    public TimeSpan Window => TimeSpan.FromHours(WindowHours);

    public AuthorLocationContext CreateContext() => new(MaxAuthors, Window);
}
