using System.ComponentModel.DataAnnotations;

namespace JewelHub.Hub.Webhooks;

/// <summary>How the inbox dispatcher maps stored deliveries (section <c>Webhooks</c>); each connector has its own <c>Connectors:&lt;id&gt;</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Attempts before a delivery that cannot be mapped or appended is dead-lettered. Default 5.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles with each further one. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")] public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")] public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the dispatcher looks for due deliveries when nothing wakes it (a retry falling due, another hub's delivery). Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
