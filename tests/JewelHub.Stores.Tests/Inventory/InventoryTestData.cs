using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Testing;

namespace JewelHub.Stores.Tests.Inventory;

/// <summary>Pieces and items as a jeweller would tag them, and a way to count rows.</summary>
internal static class InventoryTestData
{
    public static Piece Ring(string sku, string branch = "MUM", string? huid = null, string category = "rings") => new()
    {
        Sku = Parse(sku),
        Category = category,
        Metal = Metal.Gold,
        Fineness = Fineness.Of(Metal.Gold, 916),
        GrossWeight = Grams.Of(5.250m),
        NetWeight = Grams.Of(4.980m),
        Making = new MakingCharge(MakingChargeMode.PerGram, 450.00m),
        WastagePercent = 2.5m,
        OtherCharges = 45m,
        Huid = huid is null ? null : Huid.TryParse(huid, out var parsed, out _) ? parsed : throw new ArgumentException(huid),
        Branch = branch,
        Stones =
        [
            new Stone { Type = "diamond", Shape = "round", Count = 6, Carats = GemCarat.Of(0.350m), Colour = "F", Clarity = "VS1", Lab = "IGI", ReportNumber = "LG123", LabGrown = true, Value = 12500m },
        ],
    };

    public static StockItem Coin(string sku) => new()
    {
        Sku = Parse(sku),
        Category = "coins",
        Metal = Metal.Gold,
        Fineness = Fineness.Of(Metal.Gold, 999),
        UnitWeight = Grams.Of(10m),
        Making = new MakingCharge(MakingChargeMode.Flat, 250m),
    };

    public static Sku Parse(string sku) => Sku.TryParse(sku, out var parsed, out var error) ? parsed : throw new ArgumentException(error);

    public static async Task<long> CountAsync(TestDatabase database, string sql, object? parameters = null)
    {
        await using var connection = await database.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }
}
