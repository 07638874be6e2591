using JewelHub.Hub.Importing;
using JewelHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>The shipped sample files (copied next to the tests) and requests that import them with the shipped maps.</summary>
internal static class Samples
{
    public static string Path(string file) => System.IO.Path.Combine(AppContext.BaseDirectory, "samples", file);

    public static ImportRequest Customers => new() { Entity = "customers", FilePath = Path("customers.csv"), MapId = "legacy-pos.customer.in" };

    public static ImportRequest Pieces => new() { Entity = "pieces", FilePath = Path("pieces.csv"), MapId = "legacy-pos.piece.in" };

    public static ImportRequest StockLevels => new() { Entity = "stock-levels", FilePath = Path("stock-levels.csv"), MapId = "legacy-pos.stock-level.in" };

    public static ImportRequest Sales => new() { Entity = "sales", FilePath = Path("sales.csv"), MapId = "legacy-pos.sale.in" };

    public static ImportRunner Runner(HubServer hub) => hub.Services.GetRequiredService<ImportRunner>();
}
