namespace SnsDashboard.Web.Security;

/// <summary>The three roles of the product. Operators triage posts and incidents, analysts also
/// curate glossaries, registries and locations, admins also manage sources and users.</summary>
public static class DashboardRoles
{
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Admin = "admin";
}

/// <summary>Authorization policy names. Every data page and endpoint requires at least
/// <see cref="Operator"/>; there is no anonymous access to data.</summary>
public static class DashboardPolicies
{
    /// <summary>Any signed-in user (operator, analyst or admin).</summary>
    public const string Operator = "operator";
    /// <summary>Analyst or admin.</summary>
    public const string Analyst = "analyst";
    /// <summary>Admin only.</summary>
    public const string Admin = "admin";
}
