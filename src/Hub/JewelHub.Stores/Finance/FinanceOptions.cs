using System.ComponentModel.DataAnnotations;

namespace JewelHub.Stores.Finance;

/// <summary>Settings of the finance store: the shop's time zone decides the financial year of a bill.</summary>
public sealed class FinanceOptions
{
    public const string Section = "Finance";

    /// <summary>The IANA time zone of the shop; a bill issued at 00:30 IST on 1 April belongs to the new year. Default "Asia/Kolkata".</summary>
    [Required] public string TimeZone { get; set; } = "Asia/Kolkata";

    /// <summary>How long an order's pieces stay reserved when the request names no hold time, in minutes. Default 30.</summary>
    [Range(1, Canonical.Values.Bounds.MaxHoldMinutes)] public int DefaultHoldMinutes { get; set; } = 30;

    /// <summary>The time zone, or an exception at start-up when the name is unknown.</summary>
    public TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new InvalidOperationException($"{Section}:TimeZone '{TimeZone}' is not a known time zone.");
}
