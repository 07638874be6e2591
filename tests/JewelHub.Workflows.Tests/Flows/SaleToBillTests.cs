using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Events;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Inventory;
using JewelHub.Stores.Notifications;
using JewelHub.Workflows.Runtime;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

public sealed class SaleToBillTests
{
    private const string Flow = "sale-to-bill";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_TwoPiecesPaid_SoldBilledBookedAndInHistoryOnce(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);

        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
        var waiting = await hub.WaitForAsync(Flow, 1, "Suspended", ct);
        var variables = (await hub.InstanceAsync(Text(waiting[0]!["id"]), ct))["variables"]!;
        var billNumber = Text(variables["BillNumber"]);
        Assert.Equal(2 * ShopFlows.RingTotal, variables["Total"]!.GetValue<decimal>());
        Assert.Equal(143_170.00m, (await hub.GetAsync($"/api/bills/{billNumber}", ct))["total"]!.GetValue<decimal>());

        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", 143_170.00m, ct);
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        Assert.Equal(("Sold", "Sold"), (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct)));
        var inventory = hub.Server.Services.GetRequiredService<InventoryStore>();
        Assert.Contains(await inventory.MovementsAsync("RING-A", ct), m => m.Reason == JewelHub.Canonical.Entities.MovementReason.Sale);
        Assert.NotEmpty(await inventory.MovementsAsync("RING-B", ct));
        Assert.Equal("Paid", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
        var trial = await hub.GetAsync("/api/ledger/trial-balance", ct);
        Assert.True(trial["balanced"]!.GetValue<bool>());
        Assert.Equal(2 * 143_170.00m, trial["totalDebit"]!.GetValue<decimal>());
        var customerId = Guid.Parse(Text(variables["CustomerId"]));
        var purchases = await hub.Server.Services.GetRequiredService<CrmStore>().PurchasesAsync(customerId, ct);
        Assert.Equal(billNumber, Assert.Single(purchases).BillNumber);
        var notified = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync(customerId.ToString(), ct);
        Assert.Equal(("bill-paid", "Suppressed", false), (Assert.Single(notified).Template, notified[0].Status, notified[0].ConsentOk));

        var journal = (await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["journal"]!.AsArray();
        string[] path = ["SaleRecorded", "UpsertCustomer", "ReserveStock", "PriceOrder", "IssueBill", "WaitForPayment", "RecordPayment", "CheckLedger", "AppendPurchaseHistory", "NotifyPaid"];
        Assert.All(path, id => Assert.Contains(journal, j => Text(j!["activityId"]) == id));

        var issued = Assert.Single(await EventsAsync(hub, "bill.issued", ct));
        Assert.Equal(("/hub/workflows", billNumber), (Text(issued!["source"]), Text(issued["subject"])));
        var bill = JsonNode.Parse(Text(issued["body"]))!["data"]!;
        Assert.Equal((billNumber, "SO-1", "MUM", "143170.00"), (Text(bill["billNumber"]), Text(bill["orderId"]), Text(bill["branch"]), Text(bill["total"])));
        Assert.Equal(["RING-A", "RING-B"], bill["lines"]!.AsArray().Select(l => Text(l!["sku"])).Order());
        Assert.All(bill["lines"]!.AsArray(), l => Assert.Equal(("10.000", "6500.00", "71585.00"), (Text(l!["netWeight"]), Text(l["ratePerGram"]), Text(l["total"]))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_UnpaidPastTimeout_ReleasedVoidedAndSellableAgain(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, ShortTimeout);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);

        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        var billNumber = Text((await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["variables"]!["BillNumber"]);
        Assert.Equal("Voided", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
        var voided = JsonNode.Parse(Text(Assert.Single(await EventsAsync(hub, "bill.voided", ct))!["body"]))!["data"]!;
        Assert.Equal((billNumber, "SO-1", "payment not received in time"), (Text(voided["billNumber"]), Text(voided["orderId"]), Text(voided["reason"])));
        Assert.Equal(("Available", "Available"), (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct)));
        Assert.True((await hub.GetAsync("/api/ledger/trial-balance", ct))["balanced"]!.GetValue<bool>());

        await hub.SaleAsync("sale-2", "SO-2", ct, "RING-A", "RING-B");
        await hub.WaitUntilAsync(Flow, all => all.Count == 2 && all.All(i => Text(i!["status"]) == "Finished"), ct);
        Assert.NotNull(await hub.Server.Services.GetRequiredService<BillStore>().GetBillForOrderAsync("SO-2", ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_PaidAfterTheBillWasVoided_ManagersToldOnceWithBillAndPaymentNothingBooked(DatabaseProvider provider)
    {
        // Arrange: three seconds to pay, then the bill is voided and the run keeps watching for money for an hour.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, PaymentTimeout("0.05", lateMinutes: "60"));
        var (instanceId, billNumber) = await RingBilledAsync(hub, ct);
        await WaitForActivityAsync(hub, instanceId, "WaitLatePayment", ct);

        // Act: the customer's payment comes through after the void, and the gateway sends it twice.
        Assert.Equal("Voided", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
        await hub.PaymentAsync("PAY-LATE", billNumber, "SO-1", ShopFlows.RingTotal, ct);
        await hub.PaymentAsync("PAY-LATE", billNumber, "SO-1", ShopFlows.RingTotal, ct);
        var notifications = hub.Server.Services.GetRequiredService<NotificationStore>();
        await WaitForActivityAsync(hub, instanceId, "NotifyPaidAfterVoid", ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        // Assert: one message to the managers that names the bill and the money; the voided bill takes no money and the
        // ring stays on sale; the run still watches for more until its window ends.
        var message = Assert.Single(await notifications.ForRecipientAsync("branch-managers:MUM", ct), n => n.Template == "payment-after-void");
        Assert.Equal(("staff", "Queued"), (message.Channel, message.Status));
        var data = JsonNode.Parse(message.Data!)!;
        Assert.Equal((billNumber, "SO-1", "PAY-LATE"), (Text(data["billNumber"]), Text(data["orderId"]), Text(data["payment"]!["paymentId"])));
        Assert.Equal(ShopFlows.RingTotal, decimal.Parse(Text(data["payment"]!["amount"]), System.Globalization.CultureInfo.InvariantCulture));
        var bill = await hub.GetAsync($"/api/bills/{billNumber}", ct);
        Assert.Equal(("Voided", 0m), (Text(bill["status"]), bill["paid"]!.GetValue<decimal>()));
        Assert.Null(await hub.Server.Services.GetRequiredService<PaymentStore>().GetPaymentAsync("PAY-LATE", ct));
        Assert.Equal("Available", await hub.PieceStatusAsync("RING-A", ct));
        Assert.True((await hub.GetAsync("/api/ledger/trial-balance", ct))["balanced"]!.GetValue<bool>());
        Assert.Equal("Suspended", Text(Assert.Single(await hub.InstancesAsync(Flow, ct))!["status"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_SecondLineOutOfStock_FirstLineReleasedNoBill(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);
        var inventory = hub.Server.Services.GetRequiredService<InventoryStore>();
        var other = await hub.Server.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => inventory.ReserveAsync(unit, "SO-0", "MUM", [new("RING-B")], DateTimeOffset.MaxValue.AddYears(-1), ct), ct);
        Assert.True(other.Succeeded);

        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        Assert.Equal("Available", await hub.PieceStatusAsync("RING-A", ct));
        Assert.Equal("Reserved", await hub.PieceStatusAsync("RING-B", ct));
        Assert.Null(await hub.Server.Services.GetRequiredService<BillStore>().GetBillForOrderAsync("SO-1", ct));
        var journal = (await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["journal"]!.AsArray();
        Assert.Contains(journal, j => Text(j!["activityId"]) == "NotifyNotBilled");
        Assert.DoesNotContain(journal, j => Text(j!["activityId"]) == "IssueBill");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_PaidAtTheCounterThroughPaymentsApi_FlowFinishesPaidNotVoided(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        // Six seconds to pay: without the payment's event the flow would take Timeout, release and void.
        await using var hub = await ShopFlows.StartAsync(provider, ct, PaymentTimeout("0.1"));
        var (_, billNumber) = await RingBilledAsync(hub, ct);

        var payment = new { id = "CASH-1", billNumber, amount = ShopFlows.RingTotal, currency = "INR", method = "cash" };
        using (var first = await hub.Client.PostAsJsonAsync("/api/payments", payment, ct))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var again = await hub.Client.PostAsJsonAsync("/api/payments", payment, ct))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);
        var journal = (await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["journal"]!.AsArray();
        Assert.Contains(journal, j => Text(j!["activityId"]) == "NotifyPaid");
        Assert.DoesNotContain(journal, j => Text(j!["activityId"]) is "ReleaseUnpaid" or "VoidUnpaidBill");
        var bill = await hub.GetAsync($"/api/bills/{billNumber}", ct);
        Assert.Equal(("Paid", ShopFlows.RingTotal), (Text(bill["status"]), bill["paid"]!.GetValue<decimal>()));
        Assert.Equal("Sold", await hub.PieceStatusAsync("RING-A", ct));
        Assert.True((await hub.GetAsync("/api/ledger/trial-balance", ct))["balanced"]!.GetValue<bool>());
        var customerId = Guid.Parse(Text((await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["variables"]!["CustomerId"]));
        var purchases = await hub.Server.Services.GetRequiredService<CrmStore>().PurchasesAsync(customerId, ct);
        Assert.Equal(billNumber, Assert.Single(purchases).BillNumber);

        var events = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/events?take=1000", ct))!;
        var captured = Assert.Single(events, e => Text(e!["type"]) == "payment.captured");
        Assert.Equal(("/hub/api/payments", "payment-CASH-1"), (Text(captured!["source"]), Text(captured["id"])));
        var data = JsonNode.Parse(Text(captured["body"]))!["data"]!;
        Assert.Equal(("CASH-1", billNumber, "SO-1", "71585.00"), (Text(data["paymentId"]), Text(data["billNumber"]), Text(data["orderId"]), Text(data["amount"])));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_PaymentAcceptedBeforeTimeoutButReadAfter_PaymentWins(DatabaseProvider provider)
    {
        // Arrange: three seconds to pay, and this hub's trigger loop polls once a minute.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, PaymentTimeout("0.05"), settings: new Dictionary<string, string?> { ["Workflows:EventPollInterval"] = "00:01:00" });
        var (_, billNumber) = await RingBilledAsync(hub, ct);

        // Act: another hub accepts the payment in time; this hub's loop does not read it before the timeout falls due.
        await AcceptedByAnotherHubAsync(hub, billNumber, ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var pastDue = Text((await hub.InstancesAsync(Flow, ct))[0]!["status"]);
        await hub.PostEventAsync("noise-1", "customer.upserted", null, new { customerId = Guid.NewGuid(), outcome = "matched", name = "Noise", smsOptIn = false, emailOptIn = false }, ct); // wakes this hub's loop
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);

        // Assert: the timer waited for the payment, which then settled the bill.
        Assert.Equal("Suspended", pastDue);
        var journal = (await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["journal"]!.AsArray();
        Assert.Contains(journal, j => Text(j!["activityId"]) == "NotifyPaid");
        Assert.DoesNotContain(journal, j => Text(j!["activityId"]) is "ReleaseUnpaid" or "VoidUnpaidBill");
        Assert.Equal("Paid", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_TriggerLoopNotReadingEvents_TimeoutFiresAfterItsWaitForEvents(DatabaseProvider provider)
    {
        // Arrange: three seconds to pay; a timer waits at most two seconds for unread events; the loop polls once a minute.
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, PaymentTimeout("0.05"), settings: new Dictionary<string, string?> { ["Workflows:EventPollInterval"] = "00:01:00", ["Workflows:TimerWaitForEvents"] = "00:00:02" });
        var (_, billNumber) = await RingBilledAsync(hub, ct);

        // Act: an event stays unread past the timeout and the wait.
        await AcceptedByAnotherHubAsync(hub, billNumber, ct);
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct, seconds: 20);

        // Assert: a loop that reads nothing holds timers back only so long.
        var journal = (await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["journal"]!.AsArray();
        Assert.Contains(journal, j => Text(j!["activityId"]) == "ReleaseUnpaid");
        Assert.Equal("Voided", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_SaleThreeTimesAndEarlyPayment_OneInstanceOneBillPaidConsentingBuyerNotified(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);

        var crm = hub.Server.Services.GetRequiredService<CrmStore>();
        Assert.True(PhoneNumber.TryParse("+919876543210", "91", out var phone, out _));
        var asha = (await hub.Server.Services.GetRequiredService<Database>().InUnitAsync((unit, ct) => crm.UpsertAsync(unit, new CustomerUpsert { Name = "Asha Rao", Phone = phone, SmsOptIn = true }, ct), ct)).Customer;

        for (var i = 0; i < 3; i++)
        {
            await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
        }

        await hub.PaymentAsync("PAY-1", billNumber: null, "SO-1", 143_170.00m, ct);
        var finished = await hub.WaitForAsync(Flow, 1, "Finished", ct);
        await Task.Delay(300, ct);

        Assert.Single(await hub.InstancesAsync(Flow, ct));
        var billNumber = Text((await hub.InstanceAsync(Text(finished[0]!["id"]), ct))["variables"]!["BillNumber"]);
        Assert.EndsWith("/000001", billNumber, StringComparison.Ordinal);
        Assert.Equal("Paid", Text((await hub.GetAsync($"/api/bills/{billNumber}", ct))["status"]));
        Assert.Equal(("Sold", "Sold"), (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct)));
        var notified = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync(asha.Id.ToString(), ct);
        Assert.Equal(("bill-paid", "Queued"), (Assert.Single(notified).Template, notified[0].Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_AdvanceThenBalance_SoldPaidBalancedInHistoryOnceWithFullAmount(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        await hub.PieceAsync("RING-A", ct);
        await hub.PieceAsync("RING-B", ct);
        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A", "RING-B");
        var id = Text((await hub.WaitForAsync(Flow, 1, "Suspended", ct))[0]!["id"]);
        var billNumber = Text((await hub.InstanceAsync(id, ct))["variables"]!["BillNumber"]);
        var bills = hub.Server.Services.GetRequiredService<BillStore>();

        // Act: an advance, then the balance
        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", 50_000.00m, ct);
        await WaitForPaymentWaitsAsync(hub, id, 2, ct);
        var partPaid = (await bills.GetBillAsync(billNumber, ct))!;
        var piecesWhilePartPaid = (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct));
        await hub.PaymentAsync("PAY-2", billNumber, "SO-1", 93_170.00m, ct);
        await hub.WaitForAsync(Flow, 1, "Finished", ct);

        // Assert
        Assert.Equal((BillStatus.PartiallyPaid, 50_000.00m), (partPaid.Status, partPaid.Paid));
        Assert.Equal(("Reserved", "Reserved"), piecesWhilePartPaid);
        Assert.Equal(("Sold", "Sold"), (await hub.PieceStatusAsync("RING-A", ct), await hub.PieceStatusAsync("RING-B", ct)));
        var paid = (await bills.GetBillAsync(billNumber, ct))!;
        Assert.Equal((BillStatus.Paid, 143_170.00m), (paid.Status, paid.Paid));
        var trial = await hub.GetAsync("/api/ledger/trial-balance", ct);
        Assert.True(trial["balanced"]!.GetValue<bool>());
        Assert.Equal(2 * 143_170.00m, trial["totalDebit"]!.GetValue<decimal>());
        var customerId = Guid.Parse(Text((await hub.InstanceAsync(id, ct))["variables"]!["CustomerId"]));
        var purchase = Assert.Single(await hub.Server.Services.GetRequiredService<CrmStore>().PurchasesAsync(customerId, ct));
        Assert.Equal((billNumber, 143_170.00m), (purchase.BillNumber, purchase.Amount.Amount));
        var staff = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync("branch-managers:MUM", ct);
        Assert.Equal("part-payment-received", Assert.Single(staff).Template);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_AdvanceThenNoBalance_PiecesReleasedBillKeptPartPaidStaffToldToRefundOrCollect(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct, ShortWaitForBalance);
        var (_, billNumber) = await RingBilledAsync(hub, ct);

        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", 20_000.00m, ct);
        await hub.WaitForAsync(Flow, 1, "Finished", ct);

        var bill = (await hub.Server.Services.GetRequiredService<BillStore>().GetBillAsync(billNumber, ct))!;
        Assert.Equal((BillStatus.PartiallyPaid, 20_000.00m), (bill.Status, bill.Paid));
        Assert.Equal("Available", await hub.PieceStatusAsync("RING-A", ct));
        Assert.True((await hub.GetAsync("/api/ledger/trial-balance", ct))["balanced"]!.GetValue<bool>());
        var staff = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync("branch-managers:MUM", ct);
        Assert.Equal(["part-payment-received", "part-paid-bill-expired"], staff.Select(n => n.Template));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SaleToBill_AdvanceDeliveredThreeTimes_CountedOnceThenBalanceCompletes(DatabaseProvider provider)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        var (id, billNumber) = await RingBilledAsync(hub, ct);
        var bills = hub.Server.Services.GetRequiredService<BillStore>();

        // Act: the same event twice, then the same payment again under another event id (a second delivery path)
        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", 20_000.00m, ct);
        await hub.PaymentAsync("PAY-1", billNumber, "SO-1", 20_000.00m, ct);
        await WaitForPaymentWaitsAsync(hub, id, 2, ct);
        await hub.PostEventAsync("PAY-1-redelivered", "payment.captured", billNumber, new
        {
            paymentId = "PAY-1",
            billNumber,
            orderId = "SO-1",
            amount = "20000.00",
            currency = "INR",
            method = "upi",
            providerReference = "rrn-PAY-1",
        }, ct);
        await WaitForPaymentWaitsAsync(hub, id, 3, ct);
        var afterRepeats = (await bills.GetBillAsync(billNumber, ct))!;
        await hub.PaymentAsync("PAY-2", billNumber, "SO-1", ShopFlows.RingTotal - 20_000.00m, ct);
        await hub.WaitForAsync(Flow, 1, "Finished", ct);

        // Assert
        Assert.Equal((BillStatus.PartiallyPaid, 20_000.00m), (afterRepeats.Status, afterRepeats.Paid));
        var paid = (await bills.GetBillAsync(billNumber, ct))!;
        Assert.Equal((BillStatus.Paid, ShopFlows.RingTotal), (paid.Status, paid.Paid));
        Assert.Equal("Sold", await hub.PieceStatusAsync("RING-A", ct));
        var trial = await hub.GetAsync("/api/ledger/trial-balance", ct);
        Assert.Equal((true, 2 * ShopFlows.RingTotal), (trial["balanced"]!.GetValue<bool>(), trial["totalDebit"]!.GetValue<decimal>()));
        var staff = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync("branch-managers:MUM", ct);
        Assert.Equal("part-payment-received", Assert.Single(staff).Template);
    }

    /// <summary>Waits until the instance is suspended with WaitForPayment having suspended <paramref name="waits"/> times.</summary>
    private static async Task WaitForPaymentWaitsAsync(WorkflowHub hub, string instanceId, int waits, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var instance = await hub.InstanceAsync(instanceId, cancellationToken);
            var suspended = instance["journal"]!.AsArray().Count(j => Text(j!["activityId"]) == "WaitForPayment" && Text(j!["eventName"]) == "Suspended");
            if (suspended >= waits && Text(instance["instance"]!["status"]) == "Suspended")
            {
                return;
            }

            if (clock.Elapsed.TotalSeconds > 30)
            {
                throw new TimeoutException($"WaitForPayment suspended {suspended} times, not {waits}: {instance.ToJsonString()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Waits the usual 30 minutes for the first payment, then 0.02 minutes (1.2 s) for the balance.</summary>
    private static JsonObject ShortWaitForBalance(string file, JsonObject workflow)
    {
        if (file == "sale-to-bill.json")
        {
            ShopFlows.Activity(workflow, "WaitForPayment")["timeoutMinutes"]!["expression"] =
                new JsonObject { ["type"] = "JavaScript", ["value"] = "variables.PaymentId ? 0.02 : 30" };
        }

        return workflow;
    }

    /// <summary>Tags RING-A and sells it (order SO-1); returns the instance waiting for payment and its bill number.</summary>
    private static async Task<(string InstanceId, string BillNumber)> RingBilledAsync(WorkflowHub hub, CancellationToken ct)
    {
        await hub.PieceAsync("RING-A", ct);
        await hub.SaleAsync("sale-1", "SO-1", ct, "RING-A");
        var id = Text((await hub.WaitForAsync(Flow, 1, "Suspended", ct))[0]!["id"]);
        return (id, Text((await hub.InstanceAsync(id, ct))["variables"]!["BillNumber"]));
    }

    private static async Task<List<JsonNode?>> EventsAsync(WorkflowHub hub, string type, CancellationToken ct) =>
        [.. (await hub.Client.GetFromJsonAsync<JsonArray>("/api/events?take=1000", ct))!.Where(e => Text(e!["type"]) == type)];

    /// <summary>Waits until the instance's journal shows <paramref name="activityId"/> completed or suspended.</summary>
    private static async Task WaitForActivityAsync(WorkflowHub hub, string instanceId, string activityId, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await hub.InstanceAsync(instanceId, ct))["journal"]!.AsArray().Any(j => Text(j!["activityId"]) == activityId && Text(j["eventName"]) is "Completed" or "Suspended"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{activityId} did not run in instance {instanceId}.");
            await Task.Delay(50, ct);
        }
    }

    // A payment.captured accepted by another hub on the same database: this hub's trigger loop is not woken by it.
    // It is appended once this hub's loop has read every earlier event (the bill's own bill.issued wakes the loop as the
    // sale commits), so that only a poll or another wake would read it.
    private static async Task AcceptedByAnotherHubAsync(WorkflowHub hub, string billNumber, CancellationToken ct)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await UnreadEventsAsync(database, ct) > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "The trigger loop did not read the sale's events.");
            await Task.Delay(50, ct);
        }

        var otherHubsIntake = new EventStore(database, TimeProvider.System);
        await otherHubsIntake.AppendAsync(new CloudEvent
        {
            Id = "pay_1",
            Source = "/connectors/razorpay",
            Type = EventTypes.PaymentCaptured,
            Subject = "PAY-1",
            Data = EventJson.ToElement(new PaymentCapturedData
            {
                PaymentId = "PAY-1",
                BillNumber = billNumber,
                OrderId = "SO-1",
                Amount = ShopFlows.RingTotal,
                Currency = "INR",
                Method = "razorpay",
            }),
        }, ct);
    }

    private static async Task<long> UnreadEventsAsync(Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            SELECT COALESCE((SELECT MAX(seq) FROM events), 0) - COALESCE((SELECT position FROM workflow_cursors WHERE name = @Name), 0)
            """, new { Name = WorkflowTriggerLoop.CursorName }, cancellationToken: ct));
    }

    /// <summary>
    /// Waits <paramref name="minutes"/> for payment instead of 30, and after a void <paramref name="lateMinutes"/> for
    /// money that still comes instead of three days.
    /// </summary>
    private static Func<string, JsonObject, JsonObject> PaymentTimeout(string minutes, string lateMinutes = "0.02") => (file, workflow) =>
    {
        if (file == "sale-to-bill.json")
        {
            ShopFlows.Activity(workflow, "WaitForPayment")["timeoutMinutes"]!["expression"]!["value"] = minutes;
            ShopFlows.Activity(workflow, "WaitLatePayment")["timeoutMinutes"]!["expression"]!["value"] = lateMinutes;
        }

        return workflow;
    };

    /// <summary>Waits 0.02 minutes (1.2 s) for payment instead of 30, and as long for money after the void.</summary>
    private static JsonObject ShortTimeout(string file, JsonObject workflow) => PaymentTimeout("0.02")(file, workflow);
}
