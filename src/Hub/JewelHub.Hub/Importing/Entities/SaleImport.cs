using System.Data.Common;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Importing;
using JewelHub.Stores.Importing.Sales;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>
/// Historical sales: rows are bill lines grouped by bill number (kept in one batch, rejected together). Bills keep their
/// legacy number and link to customers through crm.customer_refs; live effects (pieces marked sold) only when asked.
/// </summary>
public sealed class SaleImport(SaleImporter importer) : IEntityImport
{
    public string Name => "sales";

    public string MapEntity => "sale";

    public string? GroupField => "billNumber";

    public bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, RowSource source, out object row, out string column, out string reason)
    {
        row = null!;
        var amount = (Money)record["lineTotal"]!;
        var tax = record.TryGetValue("tax", out var t) ? (Money)t! : Money.Zero(amount.Currency);
        var paid = record.TryGetValue("paymentAmount", out var p) ? (Money?)p : null;
        var method = record.TryGetValue("paymentMethod", out var m) ? (string?)m : null;
        var quantity = record.TryGetValue("quantity", out var q) ? (int)q! : 1;
        (column, reason) = amount.Amount < 0 ? ("lineTotal", $"{amount.Amount} must not be negative")
            : tax.Amount < 0 ? ("tax", $"{tax.Amount} must not be negative")
            : tax.Currency != amount.Currency ? ("tax", $"is in {tax.Currency}, the line in {amount.Currency}")
            : paid is { } money && (money.Amount < 0 || money.Currency != amount.Currency) ? ("paymentAmount", $"{money} must be a positive amount in {amount.Currency}")
            : paid is { Amount: > 0 } && method is null ? ("paymentMethod", "is required when a payment amount is given")
            : quantity is < 1 or > Bounds.MaxQuantity ? ("quantity", $"{quantity} must be between 1 and {Bounds.MaxQuantity}")
            : ("", "");
        if (column.Length > 0)
        {
            return false;
        }

        var sku = (string)record["sku"]!;
        row = new SaleImportRow
        {
            RowNumber = rowNumber,
            BillNumber = (string)record["billNumber"]!,
            BilledAt = (DateTimeOffset)record["billedAt"]!,
            Branch = (string)record["branch"]!,
            CustomerExternalId = record.TryGetValue("customerId", out var customer) ? (string?)customer : null,
            Sku = sku,
            Description = record.TryGetValue("description", out var description) ? (string)description! : sku,
            Quantity = quantity,
            Currency = amount.Currency.Code,
            AmountMinor = amount.ToMinorUnits(),
            TaxMinor = tax.ToMinorUnits(),
            PaymentMethod = method,
            PaymentMinor = paid?.ToMinorUnits() ?? 0,
            PaymentReference = record.TryGetValue("paymentId", out var reference) ? (string?)reference : null,
            PaidAt = record.TryGetValue("paidAt", out var paidAt) ? (DateTimeOffset?)paidAt : null,
            Attributes = source.Attributes,
        };
        return true;
    }

    public Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        WriteAsync(connection, transaction, system, false, rows, cancellationToken);

    public Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, liveEffects, rows.Cast<SaleImportRow>().ToList(), cancellationToken);
}
