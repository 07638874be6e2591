using System.Reflection;
using JewelHub.Canonical.Events;
using Xunit;

namespace JewelHub.Canonical.Tests.Events;

/// <summary>Each canonical type declares the data fields a waiting workflow may correlate on besides the subject.</summary>
public sealed class EventTypesTests
{
    public static TheoryData<string, string[]> Declarations => new()
    {
        { "sale.recorded", ["orderId"] },
        { "bill.issued", ["billNumber", "orderId"] },
        { "bill.voided", ["billNumber", "orderId"] },
        { "payment.captured", ["billNumber", "orderId"] },
        { "payment.failed", ["billNumber", "orderId"] },
        { "payment.refunded", ["billNumber"] },
        { "stock.received", [] },
        { "stock.adjusted", ["sku"] },
        { "stock.reserved", ["orderId"] },
        { "stock.released", ["orderId"] },
        { "stock.sold", ["billNumber", "orderId"] },
        { "stock.low", ["sku"] },
        { "metal-rate.updated", [] },
        { "customer.upserted", [] },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void For_CanonicalType_CorrelatesOnItsDeclaredFields(string type, string[] fields)
    {
        var declared = EventTypes.For(type);

        Assert.Equal(type, declared.Name);
        Assert.Equal(fields, declared.CorrelatesOn);
    }

    [Fact]
    public void Declared_EveryCanonicalType_OnceAndNoOther()
    {
        var names = EventTypes.Declared.Select(t => t.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Declarations.Select(row => row.Data.Item1).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void For_CustomType_CorrelatesOnTheDefaultFields()
    {
        var custom = EventTypes.For("repair.completed");

        Assert.Equal("repair.completed", custom.Name);
        Assert.Equal(["billNumber", "orderId", "sku"], custom.CorrelatesOn);
        Assert.Same(EventTypes.CustomCorrelatesOn, custom.CorrelatesOn);
    }

    [Theory]
    [InlineData(EventTypes.SaleRecorded, typeof(SaleRecordedData))]
    [InlineData(EventTypes.BillIssued, typeof(BillIssuedData))]
    [InlineData(EventTypes.BillVoided, typeof(BillVoidedData))]
    [InlineData(EventTypes.PaymentCaptured, typeof(PaymentCapturedData))]
    [InlineData(EventTypes.PaymentRefunded, typeof(PaymentRefundedData))]
    [InlineData(EventTypes.StockReceived, typeof(StockReceivedData))]
    public void Declared_TypeWithADataRecord_NamesStringPropertiesOfThatRecord(string type, Type data)
    {
        var strings = data.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => EventJson.Options.PropertyNamingPolicy!.ConvertName(p.Name))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(EventTypes.For(type).CorrelatesOn, field => Assert.Contains(field, strings));
    }
}
