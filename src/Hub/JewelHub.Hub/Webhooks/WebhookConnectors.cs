using JewelHub.Connectors;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Webhooks;

/// <summary>The webhook connectors this hub knows, by id, with each one's current settings.</summary>
public sealed class WebhookConnectors(IEnumerable<IWebhookConnector> connectors, IOptionsMonitor<WebhookConnectorOptions> options)
{
    private readonly Dictionary<string, IWebhookConnector> _byId = connectors.ToDictionary(c => c.Descriptor.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<IWebhookConnector> All => _byId.Values;

    /// <summary>The connector with this id, or null.</summary>
    public IWebhookConnector? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The connector's settings (<c>Connectors:&lt;id&gt;</c>), checked at start-up.</summary>
    public WebhookConnectorOptions Options(string id) => options.Get(id);
}

/// <summary>Checks each connector's settings at start-up with the connector's own rules; each message names the setting.</summary>
internal sealed class WebhookConnectorOptionsValidator(IEnumerable<IWebhookConnector> connectors) : IValidateOptions<WebhookConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookConnectorOptions options)
    {
        var connector = connectors.FirstOrDefault(c => c.Descriptor.Id == name);
        var problems = connector?.Check(options).ToList() ?? [];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
