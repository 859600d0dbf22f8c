using SnsDashboard.Core.Posts;

namespace SnsDashboard.Sources.Replay;

/// <summary>One non-blank line of a scenario file: its 1-based line number and the parse result.</summary>
public readonly record struct ScenarioLine(int LineNumber, PostParseResult Result);
