using JewelHub.Workflows.ActivityModel;
using JewelHub.Workflows.Definitions;

namespace JewelHub.Hub.Api.Elsa;

/// <summary>
/// What the studio's toolbox and editors are built from: the runtime's activity descriptors, the expression types the
/// runtime evaluates, variable types and the (empty) strategy lists.
/// </summary>
internal static class ElsaDescriptorEndpoints
{
    /// <summary>Where instance variables live: with the instance, the only storage the runtime has.</summary>
    public const string InstanceStorageDriver = "JewelHub.WorkflowInstance";

    public static void MapElsaDescriptorEndpoints(this RouteGroupBuilder elsa)
    {
        var group = elsa.MapGroup("/descriptors");
        group.MapGet("/activities", (ActivityRegistry registry) => ElsaJson.List(registry.Descriptors));
        group.MapGet("/expression-descriptors", () => ElsaJson.List(Expressions));
        group.MapGet("/variables", () => ElsaJson.List(Variables));
        group.MapGet("/storage-drivers", () => ElsaJson.List(StorageDrivers));
        group.MapGet("/workflow-activation-strategies", () => ElsaJson.List(Array.Empty<StrategyDescriptorResponse>()));
        group.MapGet("/incident-strategies", () => ElsaJson.List(Array.Empty<StrategyDescriptorResponse>()));
        group.MapGet("/log-persistence-strategies", () => ElsaJson.List(Array.Empty<StrategyDescriptorResponse>()));
        group.MapGet("/commit-strategies/workflows", () => ElsaJson.List(Array.Empty<CommitStrategyDescriptorResponse>()));
        group.MapGet("/commit-strategies/activities", () => ElsaJson.List(Array.Empty<CommitStrategyDescriptorResponse>()));
    }

    /// <summary>
    /// Only what the engine evaluates. Literal and Object are the editors' own syntaxes (not offered in the ⋮ menu);
    /// Variable and JavaScript are offered.
    /// </summary>
    public static IReadOnlyList<ExpressionDescriptorResponse> Expressions { get; } =
    [
        new(InputExpression.Literal, "Literal", IsBrowsable: false, new Dictionary<string, string>()),
        new(InputExpression.ObjectType, "Object", IsBrowsable: false, new Dictionary<string, string> { ["MonacoLanguage"] = "json" }),
        new(InputExpression.Variable, "Variable", IsBrowsable: true, new Dictionary<string, string>()),
        new(InputExpression.JavaScript, "JavaScript", IsBrowsable: true, new Dictionary<string, string> { ["MonacoLanguage"] = "javascript" }),
    ];

    /// <summary>The variable types the runtime converts values to.</summary>
    public static IReadOnlyList<VariableDescriptorResponse> Variables { get; } =
    [
        new("Object", "Object", "Primitives", "Any JSON value."),
        new("String", "String", "Primitives", "Text."),
        new("Int32", "Int32", "Primitives", "A whole number."),
        new("Int64", "Int64", "Primitives", "A large whole number, e.g. an amount in paise."),
        new("Decimal", "Decimal", "Primitives", "A decimal number."),
        new("Boolean", "Boolean", "Primitives", "True or false."),
        new("DateTimeOffset", "DateTimeOffset", "Primitives", "A point in time with its offset."),
    ];

    public static IReadOnlyList<StorageDriverDescriptorResponse> StorageDrivers { get; } =
    [
        new(InstanceStorageDriver, "Workflow instance", 0, false),
    ];
}

/// <summary>An expression syntax the input editors offer.</summary>
internal sealed record ExpressionDescriptorResponse(string Type, string DisplayName, bool IsBrowsable, IReadOnlyDictionary<string, string> Properties)
{
    public bool IsSerializable { get; init; } = true;
}

/// <summary>A variable type of the Variables dialog.</summary>
internal sealed record VariableDescriptorResponse(string TypeName, string DisplayName, string Category, string Description);

/// <summary>Where variable values are stored.</summary>
internal sealed record StorageDriverDescriptorResponse(string TypeName, string DisplayName, int Priority, bool Deprecated);

/// <summary>An activation, incident or log-persistence strategy (the hub offers none).</summary>
internal sealed record StrategyDescriptorResponse(string TypeName, string DisplayName, string Description);

/// <summary>A commit strategy (the hub offers none; the engine commits after every activity with effects).</summary>
internal sealed record CommitStrategyDescriptorResponse(string Name, string DisplayName, string Description);
