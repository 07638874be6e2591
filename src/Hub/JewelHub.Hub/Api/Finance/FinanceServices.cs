using JewelHub.Stores.Finance;
using JewelHub.Stores.Operations;
using Microsoft.Extensions.Options;

namespace JewelHub.Hub.Api.Finance;

/// <summary>Registers the finance stores and their options (section "Finance"), validated when the hub starts.</summary>
public static class FinanceServices
{
    public static IServiceCollection AddFinanceStores(this IServiceCollection services)
    {
        services.AddOptions<FinanceOptions>()
            .BindConfiguration(FinanceOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _), "Finance:TimeZone is not a known time zone.")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<FinanceOptions>>().Value);
        services.AddSingleton<OrderStore>();
        services.AddSingleton<RateStore>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<BillStore>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<OrderPricer>();
        services.AddSingleton<StockAdjustmentPosting>();

        // The business operations the API and the workflow steps share.
        services.AddSingleton<OrderOperations>();
        services.AddSingleton<BillOperations>();
        services.AddSingleton<RateOperations>();
        services.AddSingleton<PaymentOperations>();
        services.AddSingleton<StockOperations>();
        return services;
    }
}
