using JewelHub.Hub.Hosting;

namespace JewelHub.Hub.Api.Finance;

/// <summary>Checks on money amounts as the API receives them: decimal numbers in the major unit (rupees).</summary>
internal static class Amounts
{
    /// <summary>Records a problem unless the amount is present, positive and has at most two decimals.</summary>
    public static decimal? Positive(this FieldErrors errors, decimal? amount, string field)
    {
        if (!errors.Required(amount, field))
        {
            return null;
        }

        if (amount <= 0m)
        {
            errors.Add(field, "must be greater than zero");
            return null;
        }

        if (decimal.Round(amount!.Value, 2) != amount.Value)
        {
            errors.Add(field, "must have at most two decimal places");
            return null;
        }

        return amount;
    }
}
