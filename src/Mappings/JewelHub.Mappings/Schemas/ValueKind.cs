namespace JewelHub.Mappings.Schemas;

/// <summary>The kind of value a converter yields and a canonical field takes; checked when a map loads.</summary>
public enum ValueKind
{
    /// <summary>Text (every source value starts as text).</summary>
    Text,
    /// <summary>Several source values, before concat or coalesce makes one of them.</summary>
    List,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>An integer.</summary>
    WholeNumber,
    /// <summary>True or false.</summary>
    YesNo,
    /// <summary>A calendar date (<see cref="DateOnly"/>).</summary>
    Date,
    /// <summary>An instant (<see cref="DateTimeOffset"/>, UTC).</summary>
    Instant,
    Phone,
    Email,
    Fineness,
    Grams,
    /// <summary>A gem weight (<see cref="Canonical.Values.GemCarat"/>).</summary>
    Carats,
    Money,
    Metal,
}
