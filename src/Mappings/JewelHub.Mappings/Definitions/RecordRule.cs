namespace JewelHub.Mappings.Definitions;

/// <summary>
/// A rule over a whole record: at least one of <paramref name="OneOf"/> (target fields) must have a value, e.g. phone or
/// e-mail, so that the record can be matched again. <paramref name="Sources"/> are the columns those targets are read from.
/// </summary>
public sealed record RecordRule(IReadOnlyList<string> OneOf, IReadOnlyList<string> Sources, int Line)
{
    /// <summary>The reason a record that has none of them is rejected.</summary>
    public string Reason => $"needs at least one of {string.Join(", ", OneOf)} (columns {string.Join(", ", Sources)}) but the row has none";
}
