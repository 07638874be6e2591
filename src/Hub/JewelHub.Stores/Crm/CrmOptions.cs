using System.ComponentModel.DataAnnotations;

namespace JewelHub.Stores.Crm;

/// <summary>How the CRM normalises what shops type in.</summary>
public sealed class CrmOptions
{
    public const string Section = "Crm";

    /// <summary>
    /// The country calling code given to national phone numbers ("98765 43210" becomes +919876543210), without the
    /// plus sign. Default "91" (India).
    /// </summary>
    [Required, RegularExpression("^[1-9][0-9]{0,2}$")] public string DefaultCallingCode { get; set; } = "91";
}
