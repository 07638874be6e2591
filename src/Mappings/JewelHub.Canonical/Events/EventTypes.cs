namespace JewelHub.Canonical.Events;

/// <summary>
/// The canonical event types, each declared with the data fields a waiting workflow may correlate on besides the
/// event's subject. docs/EVENTS.md describes each one's data.
/// </summary>
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

    private const string BillNumber = "billNumber";
    private const string OrderId = "orderId";
    private const string Sku = "sku";

    /// <summary>
    /// The data fields an event of a type not declared here (a custom type) correlates on besides its subject. Custom
    /// events carry no declaration, so they keep the fields every event correlated on before types declared their own.
    /// </summary>
    public static IReadOnlyList<string> CustomCorrelatesOn { get; } = [BillNumber, OrderId, Sku];

    /// <summary>Every canonical type with the data fields it correlates on (only top-level fields its data has).</summary>
    public static IReadOnlyList<EventType> Declared { get; } =
    [
        new(SaleRecorded, [OrderId]),
        new(BillIssued, [BillNumber, OrderId]),
        new(BillVoided, [BillNumber, OrderId]),
        new(PaymentCaptured, [BillNumber, OrderId]),
        new(PaymentFailed, [BillNumber, OrderId]),
        new(PaymentRefunded, [BillNumber]),
        new(StockReceived, []),
        new(StockAdjusted, [Sku]),
        new(StockReserved, [OrderId]),
        new(StockReleased, [OrderId]),
        new(StockSold, [BillNumber, OrderId]),
        new(StockLow, [Sku]),
        new(MetalRateUpdated, []),
        new(CustomerUpserted, []),
    ];

    private static readonly Dictionary<string, EventType> ByName = Declared.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every canonical type.</summary>
    public static IReadOnlySet<string> All { get; } = ByName.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The declaration of <paramref name="name"/>: a canonical type's own, else a custom type correlating on <see cref="CustomCorrelatesOn"/>.</summary>
    public static EventType For(string name) => ByName.TryGetValue(name, out var declared) ? declared : new EventType(name, CustomCorrelatesOn);
}
