using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace JewelHub.Workflows.ActivityModel;

/// <summary>An activity type as Elsa Studio's toolbox and property panels read it (GET /descriptors/activities).</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public required string DisplayName { get; init; }
    public required string Description { get; init; }
    public ActivityKind Kind { get; init; }
    public bool RunAsynchronously { get; init; }
    public required IReadOnlyList<InputDescriptor> Inputs { get; init; }
    public required IReadOnlyList<OutputDescriptor> Outputs { get; init; }
    public required IReadOnlyList<PortDescriptor> Ports { get; init; }
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }

    /// <summary>The class that implements it; null for the flowchart container, which the engine runs itself.</summary>
    [JsonIgnore] public Type? ClrType { get; init; }

    /// <summary>True when the engine commits after the activity runs (see <see cref="ActivityAttribute.HasEffects"/>).</summary>
    [JsonIgnore] public bool HasEffects { get; init; }

    /// <summary>True when the activity talks to another system (see <see cref="ActivityAttribute.ReachesOutside"/>).</summary>
    [JsonIgnore] public bool ReachesOutside { get; init; }

    /// <summary>True when ports are chosen per activity.</summary>
    [JsonIgnore] public bool DynamicOutcomes { get; init; }
}

/// <summary>One input of an activity descriptor.</summary>
public sealed record InputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";
    public int Order { get; init; }
    public required string UIHint { get; init; }
    public bool IsWrapped { get; init; } = true;
    public string Category { get; init; } = "";
    public JsonNode? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public bool IsReadOnly { get; init; }
    public bool IsSensitive { get; init; }
    public string? StorageDriverType { get; init; }
    public bool AutoEvaluate { get; init; } = true;
    public JsonObject? UISpecifications { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }

    /// <summary>True when the workflow JSON must give a value.</summary>
    [JsonIgnore] public bool IsRequired { get; init; }

    /// <summary>The CLR type the expression is converted to.</summary>
    [JsonIgnore] public required Type ValueType { get; init; }

    /// <summary>The <see cref="Input{T}"/> property.</summary>
    [JsonIgnore] public PropertyInfo? Property { get; init; }

    /// <summary>The camelCase property name of the input in the activity JSON.</summary>
    [JsonIgnore] public string JsonName => JsonNamingPolicy.CamelCase.ConvertName(Name);
}

/// <summary>One output of an activity descriptor.</summary>
public sealed record OutputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string Description { get; init; } = "";
    public int Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSerializable { get; init; } = true;
    public bool IsSynthetic { get; init; }

    /// <summary>The <see cref="Output{T}"/> property.</summary>
    [JsonIgnore] public PropertyInfo? Property { get; init; }

    /// <summary>The camelCase property name of the output binding in the activity JSON.</summary>
    [JsonIgnore] public string JsonName => JsonNamingPolicy.CamelCase.ConvertName(Name);
}

/// <summary>A port: "Flow" ports are wired in the flowchart; "Embedded" ports hold a child activity.</summary>
public sealed record PortDescriptor(string Name, string DisplayName, string Type = "Flow", bool IsBrowsable = true);
