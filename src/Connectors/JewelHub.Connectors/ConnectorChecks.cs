namespace JewelHub.Connectors;

/// <summary>The settings checks every webhook connector shares; each problem names the setting under its section.</summary>
internal static class ConnectorChecks
{
    public static IEnumerable<string> Common(string connectorId, WebhookConnectorOptions options)
    {
        var section = WebhookConnectorOptions.SectionOf(connectorId);
        if (options.Enabled && !options.Secrets.Any(secret => secret.Value.Length > 0 && secret.NotAfter is null))
        {
            yield return $"{section}:Secrets must hold a secret without NotAfter (the current one) when the connector is enabled";
        }

        for (var i = 0; i < options.Secrets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Secrets[i].Value))
            {
                yield return $"{section}:Secrets:{i}:Value is required";
            }
        }

        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            yield return $"{section}:MaxBodyBytes must be between 1024 and 16777216";
        }

        if (options.RetryAfterSeconds is < 1 or > 86_400)
        {
            yield return $"{section}:RetryAfterSeconds must be between 1 and 86400";
        }

        if (options.ToleranceSeconds is < 1 or > 3600)
        {
            yield return $"{section}:ToleranceSeconds must be between 1 and 3600";
        }

        if (string.IsNullOrWhiteSpace(options.Branch))
        {
            yield return $"{section}:Branch is required";
        }
    }
}
