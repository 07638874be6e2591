namespace JewelHub.Workflows.ActivityModel;

/// <summary>
/// Marks a class as a workflow activity. Its JSON type is "&lt;Namespace&gt;.&lt;ClassName&gt;" (e.g. Elsa.WriteLine,
/// JewelHub.ReserveStock); the descriptor that Elsa Studio shows is generated from this attribute and the
/// class's <see cref="InputAttribute"/> and <see cref="OutputAttribute"/> properties.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string category, string description) : Attribute
{
    /// <summary>The first part of the JSON type name, e.g. "Elsa" or "JewelHub".</summary>
    public string Namespace { get; } = @namespace;

    /// <summary>The toolbox group in Elsa Studio.</summary>
    public string Category { get; } = category;

    /// <summary>A sentence shown as the toolbox tooltip.</summary>
    public string Description { get; } = description;

    /// <summary>The label shown in the toolbox; by default the class name split into words.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The flow ports (outcomes) the designer can wire. Default: one port, "Done".</summary>
    public string[] Outcomes { get; init; } = [ActivityModel.Outcome.DonePort];

    /// <summary>Ports that hold one child activity (Elsa's "Embedded" ports, e.g. If's Then and Else) rather than connections. Default none.</summary>
    public string[] EmbeddedPorts { get; init; } = [];

    /// <summary>True when the ports are chosen per activity (e.g. Switch cases), so connections are not checked against <see cref="Outcomes"/>.</summary>
    public bool DynamicOutcomes { get; init; }

    /// <summary>Action or Trigger, as Elsa Studio shows it. Default Action.</summary>
    public ActivityKind Kind { get; init; } = ActivityKind.Action;

    /// <summary>
    /// True when the activity changes something outside the instance (a store, another system). The engine commits the
    /// instance's state after such an activity, so a crash never repeats more than the one idempotent call.
    /// </summary>
    public bool HasEffects { get; init; }

    /// <summary>
    /// True when the activity talks to another system (an HTTP call), not only to the hub's own database. Such a call
    /// cannot be taken back with a database transaction, so the engine commits what ran before it and runs it on its own.
    /// </summary>
    public bool ReachesOutside { get; init; }

    /// <summary>True for the activity that marks where a flowchart starts (Elsa.Start).</summary>
    public bool IsStart { get; init; }

    /// <summary>True for an activity that ends the flow (Elsa.End).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The activity version written in the JSON. Default 1.</summary>
    public int Version { get; init; } = 1;
}

/// <summary>How Elsa Studio classifies an activity.</summary>
public enum ActivityKind
{
    /// <summary>Runs when it is reached.</summary>
    Action,

    /// <summary>Can start a workflow.</summary>
    Trigger,
}
