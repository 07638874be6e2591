using System.ComponentModel.DataAnnotations;

namespace JewelHub.Hub.Hosting;

/// <summary>Who may call the API.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The admin API key accepted until keys are managed in the hub itself. Required; no default in production.</summary>
    [Required, MinLength(16)] public string BootstrapAdminKey { get; set; } = "";

    /// <summary>How long a bearer token from POST /api/auth/token is accepted. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")] public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
