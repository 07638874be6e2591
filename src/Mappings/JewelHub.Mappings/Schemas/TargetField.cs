namespace JewelHub.Mappings.Schemas;

/// <summary>A canonical field a map may write.</summary>
/// <param name="Name">The camelCase field name, e.g. phone.</param>
/// <param name="Kind">The kind of value it takes.</param>
/// <param name="Required">Whether every mapped record must have a value.</param>
public sealed record TargetField(string Name, ValueKind Kind, bool Required = false);
