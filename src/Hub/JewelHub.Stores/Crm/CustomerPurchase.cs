using JewelHub.Canonical.Values;

namespace JewelHub.Stores.Crm;

/// <summary>One bill in a customer's purchase history.</summary>
public sealed record CustomerPurchase(string BillNumber, string? OrderId, Money Amount, DateTimeOffset PurchasedAt);

/// <summary>What appending a purchase did.</summary>
public enum PurchaseAppendResult
{
    Appended,
    /// <summary>The bill was already in the customer's history; nothing changed.</summary>
    AlreadyRecorded,
    CustomerNotFound,
}
