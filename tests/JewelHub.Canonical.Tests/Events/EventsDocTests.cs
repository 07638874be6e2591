using System.Text.Json;
using System.Text.RegularExpressions;
using JewelHub.Canonical.Events;
using JewelHub.Canonical.Values;
using Xunit;

namespace JewelHub.Canonical.Tests.Events;

/// <summary>docs/EVENTS.md is the contract between connectors and workflows: its examples must be real events.</summary>
public sealed partial class EventsDocTests
{
    private static readonly Lazy<List<CloudEvent>> Examples = new(ReadExamples);

    [Fact]
    public void Examples_EveryJsonBlock_IsACloudEventOfACanonicalType()
    {
        Assert.NotEmpty(Examples.Value);
        Assert.All(Examples.Value, e =>
        {
            Assert.Equal("1.0", e.SpecVersion);
            Assert.Contains(e.Type, EventTypes.All);
            Assert.False(string.IsNullOrWhiteSpace(e.Id));
            Assert.StartsWith("/", e.Source, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.Subject));
            Assert.NotNull(e.Time);
            Assert.Equal(JsonValueKind.Object, e.Data?.ValueKind);
        });
    }

    [Fact]
    public void Examples_EveryJsonBlock_PassesTheCheckAtTheDoor() =>
        Assert.All(Examples.Value, e => Assert.Empty(EventDataCheck.Check(e.Type, e.Data, new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero))));

    [Fact]
    public void Examples_EveryCanonicalType_HasAnExample() =>
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), Examples.Value.Select(e => e.Type).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void CorrelatesOn_EveryCanonicalType_DocumentedAsDeclared()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "EVENTS.md"));
        var documented = TypeSection().Matches(markdown).ToDictionary(m => m.Groups["type"].Value, m => CorrelatesOnLine().Match(m.Groups["body"].Value));

        Assert.All(EventTypes.Declared, type =>
        {
            Assert.True(documented.TryGetValue(type.Name, out var line) && line.Success, $"docs/EVENTS.md has no **Correlates on:** line for {type.Name}");
            Assert.Equal(type.CorrelatesOn, Backticked().Matches(line.Groups["fields"].Value).Select(f => f.Groups["name"].Value));
        });
    }

    [Fact]
    public void SaleRecorded_Example_ReadsAsTypedDataAndWritesBackUnchanged()
    {
        var (cloudEvent, data) = Typed<SaleRecordedData>(EventTypes.SaleRecorded);

        Assert.Equal(cloudEvent.Subject, data.OrderId);
        Assert.Equal("MH", data.PlaceOfSupply);
        Assert.Equal("+919876543210", data.Customer?.Phone);
        Assert.Equal(new Entities.ExternalReference("pos", "C-00042"), Assert.Single(data.Customer!.References));
        Assert.Equal([("RNG-22K-0042", 1), ("COIN-24K-10G", 2)], data.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(30, data.HoldMinutes);
    }

    [Fact]
    public void PaymentCaptured_Example_ReadsAsTypedDataAndWritesBackUnchanged()
    {
        var (cloudEvent, data) = Typed<PaymentCapturedData>(EventTypes.PaymentCaptured);

        Assert.Equal(cloudEvent.Subject, data.PaymentId);
        Assert.Equal(41093.92m, data.Amount);
        Assert.Equal("INR", data.Currency);
        Assert.Equal("pay_29QQoUBi66xm2f", data.ProviderReference);
        Assert.NotNull(data.BillNumber ?? data.OrderId);
    }

    [Fact]
    public void StockReceived_Example_ReadsAsTypedDataAndWritesBackUnchanged()
    {
        var (cloudEvent, data) = Typed<StockReceivedData>(EventTypes.StockReceived);

        Assert.Equal(cloudEvent.Subject, data.ReceiptId);
        var ring = data.Lines[0];
        Assert.Equal((StockLineKind.Piece, Metal.Gold, 916, 5.820m, 5.120m, "AB12C3"), (ring.Kind, ring.Metal, ring.Fineness, ring.GrossWeight, ring.NetWeight, ring.Huid));
        Assert.True(Fineness.TryCreate(ring.Metal, ring.Fineness, out _, out _));
        Assert.All(data.Lines, l => Assert.True(l.NetWeight <= l.GrossWeight));
        Assert.Equal(5, data.Lines[1].Quantity);
    }

    [Fact]
    public void ReadData_AmountNotANumberOrLinesMissing_Throws()
    {
        var wrongAmount = Event("""{"paymentId":"P-1","billNumber":"B-1","amount":"x","currency":"INR","method":"cash"}""");
        var noLines = Event("""{"orderId":"SO-1","branch":"mumbai-1","placeOfSupply":"MH"}""");

        Assert.Throws<JsonException>(() => EventJson.ReadData<PaymentCapturedData>(wrongAmount));
        Assert.Throws<JsonException>(() => EventJson.ReadData<SaleRecordedData>(noLines));
    }

    private static (CloudEvent Event, T Data) Typed<T>(string type)
    {
        var cloudEvent = Assert.Single(Examples.Value, e => e.Type == type);
        var data = EventJson.ReadData<T>(cloudEvent);
        var written = EventJson.ToElement(data);
        Assert.True(JsonElement.DeepEquals(cloudEvent.Data!.Value, written), $"the {type} example and {typeof(T).Name} differ:\n{cloudEvent.Data}\n{written}");
        return (cloudEvent, data);
    }

    private static CloudEvent Event(string data) => new()
    {
        Id = "1",
        Source = "/test",
        Type = EventTypes.PaymentCaptured,
        Data = JsonDocument.Parse(data).RootElement.Clone(),
    };

    private static List<CloudEvent> ReadExamples()
    {
        var markdown = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "EVENTS.md"));
        return JsonBlock().Matches(markdown)
            .Select(m => JsonSerializer.Deserialize<CloudEvent>(m.Groups["json"].Value) ?? throw new JsonException("null event"))
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JewelHub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (the folder of JewelHub.sln) is not above the test's folder.");
    }

    [GeneratedRegex(@"^```json\n(?<json>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex(@"^## (?<type>[a-z.-]+)\n(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex TypeSection();

    [GeneratedRegex(@"^\*\*Correlates on:\*\* the subject(?<fields>[^\n]*)", RegexOptions.Multiline)]
    private static partial Regex CorrelatesOnLine();

    [GeneratedRegex(@"`(?<name>[A-Za-z]+)`")]
    private static partial Regex Backticked();
}
