using JewelHub.Canonical.Values;
using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api;

/// <summary>
/// The query of a search by attribute (?attribute=loyalty_points&amp;value=1200&amp;limit=50), shared by the customer,
/// piece, stock item and bill searches.
/// </summary>
public static class AttributeQuery
{
    /// <summary>Records returned when no limit is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The most records one search returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Records the problems of the query's attribute, value and limit in <paramref name="errors"/>.</summary>
    public static void Check(FieldErrors errors, string? attribute, string? value, int? limit)
    {
        if (string.IsNullOrEmpty(attribute))
        {
            errors.Add("attribute", "is required: the name of a kept column, e.g. loyalty_points");
        }
        else if (attribute.Length > Bounds.MaxTextLength)
        {
            errors.Add("attribute", $"must be at most {Bounds.MaxTextLength} characters");
        }

        if (value is { Length: > Bounds.MaxTextLength })
        {
            errors.Add("value", $"must be at most {Bounds.MaxTextLength} characters");
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}");
        }
    }
}
