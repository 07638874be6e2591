using JewelHub.Stores.Inventory;

namespace JewelHub.Hub.Api.Inventory;

/// <summary>Registers the inventory store, its options and the reservation expiry loop.</summary>
public static class InventoryServices
{
    public static IServiceCollection AddInventory(this IServiceCollection services)
    {
        services.AddSingleton<InventoryStore>();
        services.AddOptions<InventoryOptions>().BindConfiguration(InventoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<Background.ReservationExpiryLoop>();
        return services;
    }
}
