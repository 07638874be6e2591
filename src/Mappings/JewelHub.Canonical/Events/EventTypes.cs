namespace JewelHub.Canonical.Events;

/// <summary>The canonical event types. docs/EVENTS.md describes each one's data.</summary>
public static class EventTypes
{
    public const string SaleRecorded = "sale.recorded";
    public const string BillIssued = "bill.issued";
    public const string BillVoided = "bill.voided";
    public const string PaymentCaptured = "payment.captured";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentRefunded = "payment.refunded";
    public const string StockReceived = "stock.received";
    public const string StockAdjusted = "stock.adjusted";
    public const string StockReserved = "stock.reserved";
    public const string StockReleased = "stock.released";
    public const string StockSold = "stock.sold";
    public const string StockLow = "stock.low";
    public const string MetalRateUpdated = "metal-rate.updated";
    public const string CustomerUpserted = "customer.upserted";

    /// <summary>Every canonical type.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SaleRecorded, BillIssued, BillVoided, PaymentCaptured, PaymentFailed, PaymentRefunded,
        StockReceived, StockAdjusted, StockReserved, StockReleased, StockSold, StockLow,
        MetalRateUpdated, CustomerUpserted,
    };
}
