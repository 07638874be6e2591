namespace JewelHub.Mappings.Converters;

/// <summary>How a number is written in the source: which character groups thousands and which marks decimals.</summary>
public enum NumberStyle
{
    /// <summary>1,234.50: comma groups of three, dot decimals; Indian grouping 1,23,456.78 is also accepted.</summary>
    Auto,
    /// <summary>1,234,567.50 only.</summary>
    En,
    /// <summary>1.234.567,50 (or 1 234 567,50).</summary>
    Eu,
    /// <summary>Indian lakh/crore grouping 1,23,45,678.50 only.</summary>
    In,
}
