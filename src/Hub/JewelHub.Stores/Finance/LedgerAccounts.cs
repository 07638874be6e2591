namespace JewelHub.Stores.Finance;

/// <summary>The ledger accounts the hub posts to. Ids are stable: accounting exports map them to the books' own codes.</summary>
public static class LedgerAccounts
{
    public const string Sales = "sales";
    public const string TaxPayableCgst = "tax-payable-cgst";
    public const string TaxPayableSgst = "tax-payable-sgst";
    public const string TaxPayableIgst = "tax-payable-igst";
    public const string Cash = "cash";
    public const string Bank = "bank";
    public const string Receivables = "receivables";
    public const string Inventory = "inventory";
    public const string StockAdjustments = "stock-adjustments";

    /// <summary>What the shop owes suppliers and karigars for stock received (credited when a receipt is booked).</summary>
    public const string SupplierPayables = "supplier-payables";

    /// <summary>Cash payments go to the till; every other method (card, UPI, gateways, transfers) settles to the bank.</summary>
    public static string ForPaymentMethod(string method) =>
        string.Equals(method, "cash", StringComparison.OrdinalIgnoreCase) ? Cash : Bank;
}
