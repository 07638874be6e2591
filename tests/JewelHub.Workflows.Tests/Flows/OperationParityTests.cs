using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using JewelHub.Storage;
using JewelHub.Workflows.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace JewelHub.Workflows.Tests.Flows;

/// <summary>
/// One business operation, two doors: the same scenario through the HTTP API and through a workflow's steps leaves the
/// same rows in the CRM, inventory and finance stores and publishes the same events. (payment.captured is left out of
/// the comparison: the API announces a payment taken at the counter, while a workflow receives its payment as that very
/// event.)
/// </summary>
public sealed class OperationParityTests
{
    private const string Ring = "RING-P1";
    private const string OrderId = "SO-P1";
    private const string VoidReason = "refunded in full";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PartPaymentThenFullPayment_ApiAndWorkflow_SameRowsAndEvents(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = Flow("parity-part-then-full")
            .Activity("Pay1", "JewelHub.RecordPayment", ("payment", "JavaScript", "getVariable('payment1')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("Pay2", "JewelHub.RecordPayment", ("payment", "JavaScript", "getVariable('payment2')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("End1", "Elsa.End")
            .Connect("Issue1", "Done", "Pay1").Connect("Pay1", "Partial", "Pay2").Connect("Pay2", "Done", "End1");

        var (api, workflow) = await BothAsync(provider, flow, ct);
        await using (api)
        await using (workflow)
        {
            var bill = await ApiOrderAndBillAsync(api, ct);
            await ApiAsync(api, "/api/payments", Payment("PAY-1", bill, 30_000m), ct);
            await ApiAsync(api, "/api/payments", Payment("PAY-2", bill, ShopFlows.RingTotal - 30_000m), ct);

            await RunAsync(workflow, "parity-part-then-full", new
            {
                Sale,
                Payment1 = Captured("PAY-1", 30_000m),
                Payment2 = Captured("PAY-2", ShopFlows.RingTotal - 30_000m),
            }, ct);

            await AssertSameAsync(api, workflow, ct);
            Assert.Equal("Sold", await api.PieceStatusAsync(Ring, ct));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Refund_ApiAndWorkflow_SameRowsAndEvents(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = Flow("parity-refund")
            .Activity("Pay1", "JewelHub.RecordPayment", ("payment", "JavaScript", "getVariable('payment1')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("Refund1", "JewelHub.RecordRefund", ("refund", "JavaScript", "getVariable('refund1')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("End1", "Elsa.End")
            .Connect("Issue1", "Done", "Pay1").Connect("Pay1", "Done", "Refund1").Connect("Refund1", "Done", "End1");

        var (api, workflow) = await BothAsync(provider, flow, ct);
        await using (api)
        await using (workflow)
        {
            var bill = await ApiOrderAndBillAsync(api, ct);
            await ApiAsync(api, "/api/payments", Payment("PAY-1", bill, ShopFlows.RingTotal), ct);
            await ApiAsync(api, "/api/payments", Refund("REF-1", bill, 5_000m), ct);

            await RunAsync(workflow, "parity-refund", new { Sale, Payment1 = Captured("PAY-1", ShopFlows.RingTotal), Refund1 = Refunded("REF-1", 5_000m) }, ct);

            await AssertSameAsync(api, workflow, ct);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task VoidAfterFullRefund_ApiAndWorkflow_SameRowsAndEventsPieceBackInStock(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var flow = Flow("parity-void")
            .Activity("Pay1", "JewelHub.RecordPayment", ("payment", "JavaScript", "getVariable('payment1')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("Refund1", "JewelHub.RecordRefund", ("refund", "JavaScript", "getVariable('refund1')"), ("billNumber", "JavaScript", "getVariable('billNumber')"))
            .Activity("Void1", "JewelHub.VoidBill", ("billNumber", "JavaScript", "getVariable('billNumber')"), ("reason", "Literal", VoidReason))
            .Activity("End1", "Elsa.End")
            .Connect("Issue1", "Done", "Pay1").Connect("Pay1", "Done", "Refund1").Connect("Refund1", "Done", "Void1").Connect("Void1", "Done", "End1");

        var (api, workflow) = await BothAsync(provider, flow, ct);
        await using (api)
        await using (workflow)
        {
            var bill = await ApiOrderAndBillAsync(api, ct);
            await ApiAsync(api, "/api/payments", Payment("PAY-1", bill, ShopFlows.RingTotal), ct);
            await ApiAsync(api, "/api/payments", Refund("REF-1", bill, ShopFlows.RingTotal), ct);
            var voided = await api.Client.PostAsJsonAsync($"/api/bills/{Uri.EscapeDataString(bill)}/void", new { reason = VoidReason }, ct);
            Assert.Equal(HttpStatusCode.OK, voided.StatusCode);

            await RunAsync(workflow, "parity-void", new { Sale, Payment1 = Captured("PAY-1", ShopFlows.RingTotal), Refund1 = Refunded("REF-1", ShopFlows.RingTotal) }, ct);

            await AssertSameAsync(api, workflow, ct);
            Assert.Equal("Available", await workflow.PieceStatusAsync(Ring, ct));
        }
    }

    private static object Sale => new
    {
        orderId = OrderId,
        branch = "MUM",
        placeOfSupply = "MH",
        channel = "pos",
        lines = new[] { new { sku = Ring, quantity = 1 } },
    };

    // Every scenario starts by holding the ring for the order and billing it.
    private static FlowJson Flow(string id) => new FlowJson(id)
        .Variable("sale").Variable("payment1").Variable("payment2").Variable("refund1").Variable("billNumber", "String")
        .Activity("Start1", "Elsa.Start")
        .Activity("Reserve1", "JewelHub.ReserveStock", ("sale", "JavaScript", "getVariable('sale')"))
        .Activity("Issue1", "JewelHub.IssueBill", ("orderId", "Literal", OrderId)).Output("billNumber", "billNumber")
        .Connect("Start1", "Done", "Reserve1").Connect("Reserve1", "Reserved", "Issue1");

    private static async Task<(WorkflowHub Api, WorkflowHub Workflow)> BothAsync(DatabaseProvider provider, FlowJson flow, CancellationToken ct)
    {
        var api = await StartAsync(provider, flow, ct);
        var workflow = await StartAsync(provider, flow, ct);
        return (api, workflow);
    }

    // Run variables are posted as JSON, so their names are camel case.

    // A hub with the scenario's flow, today's gold rate and the ring in stock.
    private static async Task<WorkflowHub> StartAsync(DatabaseProvider provider, FlowJson flow, CancellationToken ct)
    {
        var hub = await WorkflowHub.StartAsync(provider, [flow], ct);
        await ApiAsync(hub, "/api/metal-rates", new
        {
            metal = "Gold",
            fineness = 916,
            pricePerGram = 6_500m,
            currency = "INR",
            source = "board",
            asOf = new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero),
        }, ct);
        await hub.PieceAsync(Ring, ct);
        return hub;
    }

    private static async Task<string> ApiOrderAndBillAsync(WorkflowHub hub, CancellationToken ct)
    {
        await ApiAsync(hub, "/api/orders", new { id = OrderId, branch = "MUM", placeOfSupply = "MH", lines = new[] { new { sku = Ring, quantity = 1 } } }, ct);
        var bill = await ApiAsync(hub, $"/api/orders/{OrderId}/bill", new { }, ct);
        return WorkflowHub.Text(bill["number"]);
    }

    private static async Task RunAsync(WorkflowHub hub, string definitionId, object variables, CancellationToken ct)
    {
        await ApiAsync(hub, $"/api/workflows/definitions/{definitionId}/run", new { variables }, ct);
        await hub.WaitForAsync(definitionId, 1, "Finished", ct);
    }

    private static async Task<JsonObject> ApiAsync(WorkflowHub hub, string path, object body, CancellationToken ct)
    {
        using var response = await hub.Client.PostAsJsonAsync(path, body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static object Payment(string id, string bill, decimal amount) =>
        new { id, billNumber = bill, amount, currency = "INR", method = "upi", providerReference = $"rrn-{id}" };

    private static object Refund(string id, string bill, decimal amount) =>
        new { id, billNumber = bill, amount, currency = "INR", method = "upi", kind = "Refund", refundOf = "PAY-1", reason = "ring returned" };

    private static object Captured(string id, decimal amount) =>
        new { paymentId = id, orderId = OrderId, amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = "INR", method = "upi", providerReference = $"rrn-{id}" };

    private static object Refunded(string id, decimal amount) =>
        new { refundId = id, paymentId = "PAY-1", amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = "INR", method = "upi", reason = "ring returned" };

    // The rows of every table the scenario writes, without ids and times that differ by nature, and the data of the events.
    private static async Task AssertSameAsync(WorkflowHub api, WorkflowHub workflow, CancellationToken ct)
    {
        string[] tables =
        [
            "SELECT id, customer_id, branch, place_of_supply, status FROM sales_orders",
            "SELECT order_id, line_no, sku, quantity FROM sales_order_lines",
            "SELECT number, series, financial_year, sequence, order_id, customer_id, currency, taxable_minor, cgst_minor, sgst_minor, igst_minor, total_minor, paid_minor, status, place_of_supply, void_reason FROM bills",
            "SELECT bill_number, line_no, sku, description, metal, fineness, quantity, net_mg, rate_per_gram_minor, metal_minor, wastage_minor, making_minor, stone_minor, other_minor, taxable_minor, hsn, cgst_minor, sgst_minor, igst_minor, total_minor FROM bill_lines",
            "SELECT id, bill_number, kind, amount_minor, currency, method, provider_reference, refund_of FROM payments",
            "SELECT reference, description FROM ledger_postings",
            "SELECT posting_reference, account, currency, debit_minor, credit_minor FROM ledger_entries",
            "SELECT sku, status, order_id, net_mg, branch FROM pieces",
            "SELECT order_id, sku, branch, kind, quantity, status, close_reason FROM reservations",
            "SELECT sku, branch, reason, quantity_delta, weight_delta_mg, reference FROM movements",
            "SELECT customer_id, bill_number, amount_minor FROM purchases",
            "SELECT id, type, subject FROM events WHERE type <> 'payment.captured'",
        ];

        foreach (var sql in tables)
        {
            Assert.Equal(await RowsAsync(api, sql, ct), await RowsAsync(workflow, sql, ct));
        }

        Assert.Equal(await EventDataAsync(api, ct), await EventDataAsync(workflow, ct));
        Assert.NotEmpty(await EventDataAsync(api, ct));
    }

    private static async Task<List<string>> RowsAsync(WorkflowHub hub, string sql, CancellationToken ct)
    {
        var database = hub.Server.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, cancellationToken: ct));
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    // Each published event's type and data, less the times (and the source) that say when and through which door.
    private static async Task<List<string>> EventDataAsync(WorkflowHub hub, CancellationToken ct)
    {
        var bodies = await RowsAsync(hub, "SELECT body FROM events WHERE type <> 'payment.captured'", ct);
        return [.. bodies.Select(body => JsonNode.Parse(body)!).Select(e =>
        {
            var data = e["data"]?.DeepClone() as JsonObject;
            data?.Remove("issuedAt");
            data?.Remove("voidedAt");
            return $"{e["type"]}: {data?.ToJsonString()}";
        }).Order(StringComparer.Ordinal)];
    }
}
