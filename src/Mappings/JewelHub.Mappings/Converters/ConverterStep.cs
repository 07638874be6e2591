using System.Diagnostics.CodeAnalysis;
using JewelHub.Mappings.Schemas;

namespace JewelHub.Mappings.Converters;

/// <summary>
/// One configured converter in a field's pipeline. Converters are pure: the same input gives the same output, and bad
/// data gives an error message, never an exception.
/// </summary>
public abstract class ConverterStep
{
    /// <summary>The converter's stable id, e.g. fineness or legacy-id.</summary>
    public abstract string Id { get; }

    /// <summary>The kind of value this step takes.</summary>
    public virtual ValueKind Input => ValueKind.Text;

    /// <summary>The kind of value this step yields.</summary>
    public abstract ValueKind Output { get; }

    /// <summary>True when the step wants to see missing values (default, when, concat); others pass null through.</summary>
    public virtual bool HandlesNull => false;

    /// <summary>Converts one value; on failure <paramref name="reason"/> says why in words an operator understands.</summary>
    public abstract bool TryConvert(object? value, out object? result, [NotNullWhen(false)] out string? reason);

    /// <summary>Shorthand for a successful conversion.</summary>
    protected static bool Ok(object? value, out object? result, out string? reason)
    {
        result = value;
        reason = null;
        return true;
    }

    /// <summary>Shorthand for a failed conversion.</summary>
    protected static bool Fail(string message, out object? result, out string? reason)
    {
        result = null;
        reason = message;
        return false;
    }
}
