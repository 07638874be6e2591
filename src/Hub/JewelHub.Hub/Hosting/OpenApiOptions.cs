namespace JewelHub.Hub.Hosting;

/// <summary>Who may read the hub's OpenAPI document at /openapi/v1.json.</summary>
public sealed class OpenApiOptions
{
    public const string Section = "OpenApi";

    /// <summary>
    /// Serve the document to anyone who can reach the port, not only to signed-in admins. Default false: the document
    /// maps the whole admin API, so it is shown only to callers with the admin API key or a bearer token.
    /// </summary>
    public bool Anonymous { get; set; }
}
