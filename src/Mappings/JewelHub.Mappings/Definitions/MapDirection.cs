namespace JewelHub.Mappings.Definitions;

/// <summary>Which way a map converts: from a system's records to canonical ones (in), or back (out).</summary>
public enum MapDirection
{
    In,
    Out,
}
