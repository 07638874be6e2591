using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace JewelHub.Hub.Hosting;

/// <summary>Sends logs and traces over OTLP when an endpoint is configured (Seq ingests OTLP).</summary>
internal static class Telemetry
{
    public const string ServiceName = "jewelhub";

    public static void AddHubTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return;
        }

        var endpoint = options.OtlpEndpoint.TrimEnd('/');
        var resource = ResourceBuilder.CreateDefault().AddService(ServiceName);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.SetResourceBuilder(resource);
            logging.IncludeScopes = true;
            logging.AddOtlpExporter(otlp => Configure(otlp, endpoint + "/v1/logs"));
        });

        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource("JewelHub.Workflows")
            .AddOtlpExporter(otlp => Configure(otlp, endpoint + "/v1/traces"))
            .Build();
        builder.Services.AddSingleton(tracer);
    }

    private static void Configure(OtlpExporterOptions otlp, string endpoint)
    {
        otlp.Endpoint = new Uri(endpoint);
        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
    }
}
