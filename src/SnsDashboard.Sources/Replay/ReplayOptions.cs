using System.ComponentModel.DataAnnotations;

namespace SnsDashboard.Sources.Replay;

/// <summary>Configuration of the scenario replay source (section <c>Sources:Replay</c>).</summary>
public sealed class ReplayOptions
{
    public const string SectionName = "Sources:Replay";

    public bool Enabled { get; set; } = true;

    /// <summary>JSON-lines files (schema "1"); played merged in <c>created_at</c> order.</summary>
    [MinLength(1)]
    public List<string> Scenarios { get; set; } = [];

    /// <summary>Multiplier of real time: 60 plays one scenario hour per minute.</summary>
    [Range(0.001, 1_000_000)]
    public double Speed { get; set; } = 1.0;

    /// <summary>Start again from the beginning after the last post. Every later pass gets a
    /// <c>~loopN</c> suffix on its ids so de-duplication does not swallow it.</summary>
    public bool Loop { get; set; }

    /// <summary>Rebase <c>created_at</c> to the moment each post is played (the first post is
    /// "now"; gaps are scaled by <see cref="Speed"/>). Author account ages and <c>edited_at</c>
    /// move by the same amount, so "account created during the event" stays true.</summary>
    public bool ShiftToNow { get; set; }

    /// <summary>Skip the first part of the scenario on the first pass (e.g. start at the main
    /// shock). Later loop passes play the whole scenario.</summary>
    public TimeSpan StartOffset { get; set; }

    /// <summary>Problems with the settings, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Scenarios is null || Scenarios.Count == 0) errors.Add($"{SectionName}:Scenarios must list at least one file");
        else if (Scenarios.Any(string.IsNullOrWhiteSpace)) errors.Add($"{SectionName}:Scenarios contains an empty path");
        if (!double.IsFinite(Speed) || Speed <= 0) errors.Add($"{SectionName}:Speed must be a positive number (got {Speed})");
        if (StartOffset < TimeSpan.Zero) errors.Add($"{SectionName}:StartOffset must not be negative");
        return errors;
    }
}
