using System.ComponentModel.DataAnnotations;

namespace JewelHub.Hub.Hosting;

/// <summary>Who may call the API.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The admin API key accepted until keys are managed in the hub itself. Required; no default in production.</summary>
    [Required, MinLength(16)] public string BootstrapAdminKey { get; set; } = "";
}
