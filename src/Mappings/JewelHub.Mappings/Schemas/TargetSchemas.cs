using static JewelHub.Mappings.Schemas.ValueKind;

namespace JewelHub.Mappings.Schemas;

/// <summary>The canonical entities that shipped and user maps can target, keyed by the entity part of a map id.</summary>
public static class TargetSchemas
{
    /// <summary>A customer as legacy systems export one; externalId is that system's id.</summary>
    public static TargetSchema Customer { get; } = new("customer",
    [
        new("externalId", Text, Required: true), new("name", Text, Required: true), new("phone", Phone),
        new("email", Email), new("birthday", Date), new("anniversary", Date), new("smsOptIn", YesNo),
        new("emailOptIn", YesNo), new("addressLine", Text), new("city", Text), new("state", Text), new("pincode", Text),
        new("homeBranch", Text), new("createdAt", Instant),
    ]);

    /// <summary>A tagged piece with up to ten stone rows.</summary>
    public static TargetSchema Piece { get; } = new("piece",
    [
        new("sku", Text, Required: true), new("category", Text, Required: true), new("metal", Metal, Required: true),
        new("fineness", Fineness, Required: true), new("grossWeight", Grams, Required: true), new("netWeight", Grams),
        new("makingMode", Text), new("makingValue", Number), new("wastagePercent", Number), new("otherCharges", Number),
        new("huid", Text), new("branch", Text, Required: true), new("status", Text), new("hsn", Text),
    ],
    [
        new TargetGroup("stones", 10,
        [
            new("type", Text, Required: true), new("shape", Text), new("count", WholeNumber), new("carats", Carats, Required: true),
            new("colour", Text), new("clarity", Text), new("lab", Text), new("reportNumber", Text), new("labGrown", YesNo),
            new("value", Number),
        ]),
    ]);

    /// <summary>The quantity of a fungible stock item (coins, bullion, articles) held at a branch.</summary>
    public static TargetSchema StockLevel { get; } = new("stock-level",
    [
        new("sku", Text, Required: true), new("name", Text), new("branch", Text, Required: true),
        new("onHand", WholeNumber, Required: true), new("weight", Grams), new("metal", Metal), new("fineness", Fineness),
    ]);

    /// <summary>One line of a historical bill with the bill's payment; rows sharing a bill number form one bill.</summary>
    public static TargetSchema Sale { get; } = new("sale",
    [
        new("billNumber", Text, Required: true), new("billedAt", Instant, Required: true), new("branch", Text, Required: true),
        new("customerId", Text), new("sku", Text, Required: true), new("description", Text), new("quantity", WholeNumber),
        new("lineTotal", Money, Required: true), new("tax", Money), new("paymentId", Text), new("paymentMethod", Text),
        new("paymentAmount", Money), new("paidAt", Instant),
    ]);

    /// <summary>Every shipped schema by entity name.</summary>
    public static IReadOnlyDictionary<string, TargetSchema> All { get; } =
        new[] { Customer, Piece, StockLevel, Sale }.ToDictionary(s => s.Entity, StringComparer.Ordinal);
}
