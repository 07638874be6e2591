using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Pricing;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Finance;

/// <summary>The finance stores over a fresh database, wired as the hub wires them.</summary>
internal sealed class FinanceSut : IAsyncDisposable
{
    private FinanceSut(TestDatabase database)
    {
        Database = database;
        var clock = TimeProvider.System;
        Orders = new OrderStore(database.Database, clock);
        Rates = new RateStore(database.Database, clock);
        Ledger = new LedgerStore(database.Database, clock);
        Bills = new BillStore(database.Database, new FinanceOptions(), Orders, Ledger, clock);
        Inventory = new InventoryStore(database.Database, clock);
        Payments = new PaymentStore(database.Database, Bills, Ledger, Inventory, clock);
    }

    public TestDatabase Database { get; }
    public OrderStore Orders { get; }
    public RateStore Rates { get; }
    public LedgerStore Ledger { get; }
    public BillStore Bills { get; }
    public PaymentStore Payments { get; }
    public InventoryStore Inventory { get; }

    /// <summary>Tags a 22K916 ring of 10.000 g net at branch MUM.</summary>
    public async Task<Piece> PieceAsync(string sku, CancellationToken cancellationToken)
    {
        var piece = new Piece
        {
            Sku = Sku.TryParse(sku, out var parsed, out _) ? parsed : throw new ArgumentException(sku),
            Category = "Ring",
            Metal = Metal.Gold,
            Fineness = Fineness.Of(Metal.Gold, 916),
            GrossWeight = Grams.Of(10.500m),
            NetWeight = Grams.Of(10.000m),
            Making = new MakingCharge(MakingChargeMode.PerGram, 450m),
            Branch = "MUM",
        };
        Assert.Equal(CreatePieceResult.Created, await Database.Database.InUnitAsync((unit, ct) => Inventory.CreatePieceAsync(unit, piece, ct), cancellationToken));
        return piece;
    }

    /// <summary>1 April 2026, 10:00 IST: financial year 2026-27.</summary>
    public static DateTimeOffset IssueDay { get; } = new(2026, 4, 1, 4, 30, 0, TimeSpan.Zero);

    public static async Task<FinanceSut> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken) =>
        new(await TestDatabase.CreateAsync(provider, cancellationToken));

    /// <summary>An order of one ring at a Mumbai branch, supplied in MH.</summary>
    public async Task<SalesOrder> OrderAsync(string id, CancellationToken cancellationToken, string placeOfSupply = "MH")
    {
        var (order, _) = await Database.Database.InUnitAsync((unit, ct) => Orders.CreateOrderAsync(unit, new SalesOrder
        {
            Id = id,
            Branch = "MUM",
            PlaceOfSupply = placeOfSupply,
            Lines = [new SalesOrderLine($"RING-{id}")],
            Status = SalesOrderStatus.Reserved,
        }, ct), cancellationToken);
        return order;
    }

    /// <summary>A 22K916 ring, net 10.000 g at Rs 6,500/g with Rs 450/g making: taxable 69,500.00.</summary>
    public static PricedLine Ring(string sku, string placeOfSupply = "MH") =>
        new LinePricer(new TaxRules()).Price(new PricingInput
        {
            Sku = sku,
            Description = "Ring 22K916",
            Rate = new MetalRate
            {
                Metal = Metal.Gold,
                Fineness = Fineness.Of(Metal.Gold, 916),
                PricePerGram = new Money(6500m, Currency.Inr),
                Source = "board",
                AsOf = IssueDay.AddHours(-2),
            },
            NetWeight = 10.000m,
            Making = new MakingCharge(MakingChargeMode.PerGram, 450m),
            Hsn = "7113",
        }, placeOfSupply);

    /// <summary>Creates an order and issues its bill on the issue day.</summary>
    public async Task<Bill> BilledOrderAsync(string id, CancellationToken cancellationToken, string series = "MUM")
    {
        var order = await OrderAsync(id, cancellationToken);
        var result = await Database.Database.InUnitAsync((unit, ct) => Bills.IssueBillAsync(unit, order.Id, [Ring(order.Lines[0].Sku)], series, IssueDay, ct), cancellationToken);
        return result.Bill!;
    }

    public static Payment Payment(string id, string billNumber, decimal amount, PaymentKind kind = PaymentKind.Payment, string method = "upi", string? refundOf = null) => new()
    {
        Id = id,
        RefundOf = refundOf,
        BillNumber = billNumber,
        Kind = kind,
        Amount = amount,
        Currency = "INR",
        Method = method,
        At = IssueDay.AddHours(1),
    };

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
