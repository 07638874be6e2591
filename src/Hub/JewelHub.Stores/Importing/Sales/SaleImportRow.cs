namespace JewelHub.Stores.Importing.Sales;

/// <summary>
/// One mapped, checked line of a historical bill, money in minor units. Rows with the same bill number form one bill;
/// the bill's date, customer and payment are read from its lines.
/// </summary>
public sealed record SaleImportRow
{
    public required long RowNumber { get; init; }
    public required string BillNumber { get; init; }
    public required DateTimeOffset BilledAt { get; init; }
    public required string Branch { get; init; }
    /// <summary>The customer's id in the legacy system (looked up in crm.customer_refs), or null for a walk-in sale.</summary>
    public string? CustomerExternalId { get; init; }
    public required string Sku { get; init; }
    public required string Description { get; init; }
    public required int Quantity { get; init; }
    public required string Currency { get; init; }
    /// <summary>The line's taxable amount (before tax).</summary>
    public required long AmountMinor { get; init; }
    public long TaxMinor { get; init; }
    public string? PaymentMethod { get; init; }
    public long PaymentMinor { get; init; }
    public string? PaymentReference { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    /// <summary>The row's unread columns as a JSON object of texts, kept on its bill line, or null.</summary>
    public string? Attributes { get; init; }
}
