namespace JewelHub.Mappings.Loading;

/// <summary>The raw content of one map file; <see cref="Name"/> (ending .json, .yaml or .yml) is used in errors.</summary>
public sealed record MapFile(string Name, byte[] Content);
