namespace JewelHub.Workflows.ActivityModel;

/// <summary>Marks an <see cref="Input{T}"/> property as an activity input shown in Elsa Studio's Input tab.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A full sentence shown under the editor.</summary>
    public string Description { get; init; } = "";

    /// <summary>The label; by default the property name split into words.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The editor Elsa Studio renders (singleline, multiline, checkbox, dropdown, json-editor, ...). Default chosen by type.</summary>
    public string? UIHint { get; init; }

    /// <summary>The choices of a dropdown, as "value" or "value|text".</summary>
    public string[]? Options { get; init; }

    /// <summary>The expression syntax the editor opens with. Default Literal.</summary>
    public string DefaultSyntax { get; init; } = "Literal";

    /// <summary>The position in the Input tab. Default: declaration order.</summary>
    public int Order { get; init; } = -1;

    /// <summary>False for inputs stored as plain JSON rather than {typeName, expression} (e.g. a variable picker). Default true.</summary>
    public bool IsWrapped { get; init; } = true;

    /// <summary>Overrides the Elsa type alias shown for the input (e.g. Elsa.Workflows.Memory.Variable).</summary>
    public string? TypeName { get; init; }
}
