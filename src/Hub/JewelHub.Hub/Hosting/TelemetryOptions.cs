namespace JewelHub.Hub.Hosting;

/// <summary>Where logs and traces go besides the console.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// OTLP/HTTP endpoint that receives logs and traces, e.g. Seq's http://seq/ingest/otlp. Default empty: console only.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";
}
