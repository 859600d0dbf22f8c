namespace SnsDashboard.Web;

/// <summary>Marker type for the reliability UI strings (grading reasons, claims, marks,
/// registries, learned score) in Resources/ReliabilityText*.resx: Japanese neutral, English .en.</summary>
public sealed class ReliabilityText;
