using System.Text.Json.Nodes;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Finance;
using JewelHub.Stores.Notifications;
using JewelHub.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using static JewelHub.Workflows.Tests.Support.WorkflowHub;

namespace JewelHub.Workflows.Tests.Flows;

public sealed class ShippedWorkflowTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ShippedFiles_LoadAtStart_EachPublishedAndRunsOnItsEvent(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        var published = JsonNode.Parse(await hub.Client.GetStringAsync("/api/workflows/definitions", ct))!.AsArray()
            .Select(d => Text(d!["definitionId"])).Order(StringComparer.Ordinal).ToList();
        var files = Directory.EnumerateFiles(ShopFlows.ShippedFolder(), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, published);

        await hub.PostEventAsync("rate-1", "metal-rate.updated", "gold/916", new
        {
            metal = "gold",
            fineness = 916,
            pricePerGram = "6650.00",
            currency = "INR",
            source = "board",
            asOf = "2026-04-02T04:00:00Z",
        }, ct);
        await hub.WaitForAsync("metal-rate-updated", 1, "Finished", ct);
        var rate = await hub.Server.Services.GetRequiredService<RateStore>().CurrentRateAsync(Metal.Gold, Fineness.Of(Metal.Gold, 916), ct);
        Assert.Equal(6_650m, rate!.PricePerGram.Amount);

        await hub.PostEventAsync("grn-1", "stock.received", "GRN-1", new
        {
            receiptId = "GRN-1",
            branch = "MUM",
            supplier = "karigar-1",
            lines = new[] { new { sku = "RING-R1", kind = "piece", category = "ring", quantity = 1, metal = "gold", fineness = 916, grossWeight = "5.200", netWeight = "5.000", cost = "31000.00" } },
        }, ct);
        await hub.WaitForAsync("stock-received", 1, "Finished", ct);
        Assert.Equal("Available", await hub.PieceStatusAsync("RING-R1", ct));
        var booked = await hub.Server.Services.GetRequiredService<LedgerStore>().PostingAsync("receipt:GRN-1", ct);
        Assert.Equal((31_000m, 31_000m), (booked.Sum(e => e.Debit), booked.Sum(e => e.Credit)));

        await hub.PostEventAsync("low-1", "stock.low", "MUM/coin", new { branch = "MUM", category = "coin", available = 1, threshold = 5 }, ct);
        await hub.WaitForAsync("stock-low-alert", 1, "Finished", ct);
        var sent = await hub.Server.Services.GetRequiredService<NotificationStore>().ForRecipientAsync("branch-managers:MUM", ct);
        Assert.Equal(("stock-low", "Queued"), (Assert.Single(sent).Template, sent[0].Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MetalRateUpdated_SameQuoteOtherPrice_RecordRateFaultsStoredPriceStands(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        object Quote(string price) => new { metal = "gold", fineness = 916, pricePerGram = price, currency = "INR", source = "board", asOf = "2026-04-02T04:00:00Z" };

        await hub.PostEventAsync("rate-1", "metal-rate.updated", "gold/916", Quote("6650.00"), ct);
        await hub.WaitForAsync("metal-rate-updated", 1, "Finished", ct);
        await hub.PostEventAsync("rate-2", "metal-rate.updated", "gold/916", Quote("6700.00"), ct);
        var instances = await hub.WaitUntilAsync("metal-rate-updated", all => all.Count == 2 && all.Any(i => i!["status"]!.GetValue<string>() == "Faulted"), ct);

        var faulted = instances.Single(i => i!["status"]!.GetValue<string>() == "Faulted")!;
        var details = await hub.InstanceAsync(faulted["id"]!.GetValue<string>(), ct);
        var incident = Assert.Single(details["incidents"]!.AsArray())!;
        Assert.Contains("already quoted", incident["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var rate = await hub.Server.Services.GetRequiredService<RateStore>().CurrentRateAsync(Metal.Gold, Fineness.Of(Metal.Gold, 916), ct);
        Assert.Equal(6_650m, rate!.PricePerGram.Amount);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ShippedFile_BrokenActivityType_RefusedNamingFileAndActivity(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = await ShopFlows.StartAsync(provider, ct);
        var loader = hub.Server.Services.GetServices<IHostedService>().OfType<WorkflowDefinitionLoader>().Single();
        var workflow = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ShopFlows.ShippedFolder(), "sale-to-bill.json"), ct))!.AsObject();
        ShopFlows.Activity(workflow, "IssueBill")["type"] = "JewelHub.IssueBil";

        var folder = Directory.CreateTempSubdirectory("jewelhub-broken").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "sale-to-bill.json"), workflow.ToJsonString(), ct);

        var refused = await Assert.ThrowsAsync<DefinitionException>(() => loader.LoadFolderAsync(folder, ct));
        Directory.Delete(folder, recursive: true);

        Assert.Contains("sale-to-bill.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains("IssueBill", refused.Message, StringComparison.Ordinal);
    }
}
