using JewelHub.Hub.Importing.Entities;
using JewelHub.Mappings.Loading;
using JewelHub.Stores.Importing;
using JewelHub.Stores.Importing.Customers;
using JewelHub.Stores.Importing.Pieces;
using JewelHub.Stores.Importing.Sales;
using JewelHub.Stores.Importing.StockLevels;

namespace JewelHub.Hub.Importing;

/// <summary>Registers maps, the import stores, the entity imports, the runner and the background worker for uploads.</summary>
public static class ImportingSetup
{
    public static IServiceCollection AddImporting(this IServiceCollection services, IConfiguration configuration)
    {
        var mapOptions = configuration.GetSection(MapOptions.Section).Get<MapOptions>() ?? new MapOptions();
        // Maps are validated here, at start-up: a bad map stops the host with every problem's file and line.
        services.AddSingleton(MapCatalog.Load(mapOptions));
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<CustomerImporter>();
        services.AddSingleton<IEntityImport, CustomerImport>();
        services.AddSingleton<PieceImporter>();
        services.AddSingleton<IEntityImport, PieceImport>();
        services.AddSingleton<StockLevelImporter>();
        services.AddSingleton<IEntityImport, StockLevelImport>();
        services.AddSingleton<SaleImporter>();
        services.AddSingleton<IEntityImport, SaleImport>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportInbox>();
        services.AddHostedService<ImportWorker>();
        return services;
    }
}
