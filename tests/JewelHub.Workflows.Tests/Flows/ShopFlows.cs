using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using JewelHub.Storage;
using JewelHub.Testing;
using JewelHub.Workflows.Tests.Support;
using Xunit;

namespace JewelHub.Workflows.Tests.Flows;

/// <summary>A hub running the shipped workflows/ files, with a shop's pieces and gold rate, driven over HTTP.</summary>
internal static class ShopFlows
{
    /// <summary>10.000 g net 22K ring at Rs 6,500/g with Rs 450/g making: 65,000 + 4,500 = 69,500 taxable, 3% GST 2,085, total 71,585.</summary>
    public const decimal RingTotal = 71_585.00m;

    /// <summary>The repository's workflows/ folder.</summary>
    public static string ShippedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "sale-to-bill.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No workflows/ folder with sale-to-bill.json above the test binaries.");
    }

    /// <summary>
    /// Starts a hub on a copy of the shipped files, each passed through <paramref name="edit"/> (file name, JSON);
    /// <paramref name="prepare"/> runs on the new, empty database before the hub starts; <paramref name="settings"/> add
    /// to the test settings.
    /// </summary>
    public static async Task<WorkflowHub> StartAsync(
        DatabaseProvider provider,
        CancellationToken cancellationToken,
        Func<string, JsonObject, JsonObject>? edit = null,
        Func<TestDatabase, Task>? prepare = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jewelhub-flows", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(ShippedFolder(), "*.json"))
        {
            var json = JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))!.AsObject();
            json = edit?.Invoke(Path.GetFileName(file), json) ?? json;
            await File.WriteAllTextAsync(Path.Combine(folder, Path.GetFileName(file)), json.ToJsonString(), cancellationToken);
        }

        var hub = await WorkflowHub.StartInFolderAsync(provider, folder, cancellationToken, prepare, settings);
        var rate = await hub.Client.PostAsJsonAsync("/api/metal-rates", new
        {
            metal = "Gold",
            fineness = 916,
            pricePerGram = 6_500m,
            currency = "INR",
            source = "board",
            asOf = new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero),
        }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, rate.StatusCode);
        return hub;
    }

    /// <summary>The activity of <paramref name="activityId"/> in a parsed workflow file.</summary>
    public static JsonObject Activity(JsonObject workflow, string activityId) =>
        workflow["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == activityId)!.AsObject();

    /// <summary>Tags a 22K916 ring, 10.000 g net, Rs 450/g making, at branch MUM.</summary>
    public static async Task PieceAsync(this WorkflowHub hub, string sku, CancellationToken cancellationToken)
    {
        var response = await hub.Client.PostAsJsonAsync("/api/pieces", new
        {
            sku,
            category = "Ring",
            metal = "Gold",
            fineness = 916,
            grossWeight = 10.500m,
            netWeight = 10.000m,
            making = new { mode = "PerGram", value = 450m },
            branch = "MUM",
        }, cancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Posts sale.recorded for the SKUs at branch MUM, bought by Asha.</summary>
    public static Task SaleAsync(this WorkflowHub hub, string eventId, string orderId, CancellationToken cancellationToken, params string[] skus) =>
        hub.PostEventAsync(eventId, "sale.recorded", orderId, new
        {
            orderId,
            branch = "MUM",
            placeOfSupply = "MH",
            channel = "pos",
            customer = new { name = "Asha Rao", phone = "+919876543210", references = new[] { new { system = "pos", externalId = "C-42" } } },
            lines = skus.Select(sku => new { sku, quantity = 1 }),
        }, cancellationToken);

    /// <summary>Posts payment.captured naming the bill (when known) and the order.</summary>
    public static Task PaymentAsync(this WorkflowHub hub, string paymentId, string? billNumber, string orderId, decimal amount, CancellationToken cancellationToken) =>
        hub.PostEventAsync(paymentId, "payment.captured", billNumber ?? orderId, new
        {
            paymentId,
            billNumber,
            orderId,
            amount = amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            currency = "INR",
            method = "upi",
            providerReference = $"rrn-{paymentId}",
        }, cancellationToken);

    public static async Task<JsonObject> GetAsync(this WorkflowHub hub, string path, CancellationToken cancellationToken) =>
        (await hub.Client.GetFromJsonAsync<JsonObject>(path, cancellationToken))!;

    public static async Task<string> PieceStatusAsync(this WorkflowHub hub, string sku, CancellationToken cancellationToken) =>
        WorkflowHub.Text((await hub.GetAsync($"/api/pieces/{sku}", cancellationToken))["status"]);
}
