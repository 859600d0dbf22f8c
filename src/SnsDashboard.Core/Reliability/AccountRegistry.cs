namespace SnsDashboard.Core.Reliability;

/// <summary>Immutable registry of official/media accounts and pre-registered reporters.</summary>
public sealed class AccountRegistry
{
    public required string Version { get; init; }
}
