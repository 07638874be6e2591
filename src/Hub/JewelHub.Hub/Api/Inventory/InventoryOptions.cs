using System.ComponentModel.DataAnnotations;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Inventory settings: how long reservations hold and how often expired ones are released.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>How often expired reservations are released. Between 1 second and 1 hour; default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a reservation holds when the request gives no holdMinutes. Default 15 minutes.</summary>
    [Range(1, ReservationRequest.MaxHoldMinutes)]
    public int DefaultHoldMinutes { get; set; } = 15;
}
