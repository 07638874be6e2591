using JewelHub.Storage.Bulk;

namespace JewelHub.Stores.Importing;

/// <summary>Bulk-write shapes that several importers share (one staging table per shape on PostgreSQL).</summary>
internal static class ImportTables
{
    /// <summary>Stock movements; the idempotency key makes a re-run or a resumed batch record nothing twice.</summary>
    public static BulkTable Movements { get; } = new("movements",
    [
        new("sku", BulkType.Text), new("branch", BulkType.Text), new("reason", BulkType.Text), new("quantity_delta", BulkType.Int4),
        new("weight_delta_mg", BulkType.BigInt), new("reference", BulkType.Text), new("idempotency_key", BulkType.Text),
        new("at", BulkType.Timestamp),
    ], ["idempotency_key"], BulkMode.InsertIgnore);
}
