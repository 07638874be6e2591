using JewelHub.Connectors;
using JewelHub.Connectors.Pos;
using JewelHub.Connectors.Razorpay;
using JewelHub.Connectors.Shopify;
using JewelHub.Connectors.Square;
using JewelHub.Connectors.Stripe;
using JewelHub.Connectors.WooCommerce;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Webhooks;

/// <summary>The webhook door, inbox and dispatcher; the one place that chooses which connectors this hub has.</summary>
public static class WebhookSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        IWebhookConnector[] connectors =
        [
            new ShopifyConnector(), new WooCommerceConnector(), new SquareConnector(), new PosConnector(), new RazorpayConnector(), new StripeConnector(),
        ];
        foreach (var connector in connectors)
        {
            services.AddSingleton(connector);
            services.AddOptions<WebhookConnectorOptions>(connector.Descriptor.Id)
                .BindConfiguration(WebhookConnectorOptions.SectionOf(connector.Descriptor.Id))
                .ValidateOnStart();
        }

        services.AddSingleton<IValidateOptions<WebhookConnectorOptions>, WebhookConnectorOptionsValidator>();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookConnectors>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<InboxStore>();
        services.AddSingleton<InboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<InboxDispatcher>());
        return services;
    }
}
