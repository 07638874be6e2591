namespace JewelHub.Workflows.ActivityModel;

/// <summary>Marks an <see cref="Output{T}"/> property as an activity output that can be bound to a variable.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>A full sentence shown in Elsa Studio's Output tab.</summary>
    public string Description { get; init; } = "";

    /// <summary>The label; by default the property name split into words.</summary>
    public string? DisplayName { get; init; }
}
