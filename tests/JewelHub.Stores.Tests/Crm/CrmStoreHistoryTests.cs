using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Crm.CrmStoreTests;

namespace JewelHub.Stores.Tests.Crm;

/// <summary>Purchase history, special dates and consent.</summary>
public sealed class CrmStoreHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AppendPurchase_SameBillTwice_RecordedOnce(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var id = (await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha", phone: "9876500001"), ct), Ct)).Customer.Id;
        var at = new DateTimeOffset(2026, 4, 2, 10, 30, 0, TimeSpan.FromHours(5.5));

        var first = await database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseAsync(unit, id, "MUM/2026-27/000001", "SO-1", new Money(45230.50m, Currency.Inr), at, ct), Ct);
        var again = await database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseAsync(unit, id, "MUM/2026-27/000001", "SO-1", new Money(99m, Currency.Inr), at, ct), Ct);
        var later = await database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseAsync(unit, id, "MUM/2026-27/000007", null, new Money(1200m, Currency.Inr), at.AddDays(3), ct), Ct);
        var nobody = await database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseAsync(unit, Guid.NewGuid(), "MUM/2026-27/000009", null, new Money(1m, Currency.Inr), at, ct), Ct);

        Assert.Equal(PurchaseAppendResult.Appended, first);
        Assert.Equal(PurchaseAppendResult.AlreadyRecorded, again);
        Assert.Equal(PurchaseAppendResult.Appended, later);
        Assert.Equal(PurchaseAppendResult.CustomerNotFound, nobody);
        var history = await store.PurchasesAsync(id, Ct);
        Assert.Equal(["MUM/2026-27/000007", "MUM/2026-27/000001"], history.Select(p => p.BillNumber));
        Assert.Equal(new Money(45230.50m, Currency.Inr), history[1].Amount);
        Assert.Equal(at, history[1].PurchasedAt);
        Assert.Equal("SO-1", history[1].OrderId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AppendPurchaseOfBill_IssuedBill_RecordsTheBillsOrderTotalAndTimeOnce(DatabaseProvider provider)
    {
        // Arrange: a bill issued by the finance store, and a customer.
        await using var sut = await Finance.FinanceSut.CreateAsync(provider, Ct);
        var bill = await sut.BilledOrderAsync("SO-1", Ct);
        var store = CreateSut(sut.Database);
        var id = (await sut.Database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha", phone: "9876500001"), ct), Ct)).Customer.Id;

        // Act
        var first = await sut.Database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseOfBillAsync(unit, id, bill.Number, ct), Ct);
        var again = await sut.Database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseOfBillAsync(unit, id, bill.Number, ct), Ct);
        var nobody = await sut.Database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseOfBillAsync(unit, Guid.NewGuid(), bill.Number, ct), Ct);
        var noBill = await sut.Database.Database.InUnitAsync((unit, ct) => store.AppendPurchaseOfBillAsync(unit, id, "MUM/2026-27/999999", ct), Ct);

        // Assert
        Assert.Equal(PurchaseAppendResult.Appended, first);
        Assert.Equal(PurchaseAppendResult.AlreadyRecorded, again);
        Assert.Equal(PurchaseAppendResult.CustomerNotFound, nobody);
        Assert.Null(noBill);
        var purchase = Assert.Single(await store.PurchasesAsync(id, Ct));
        Assert.Equal((bill.Number, "SO-1", new Money(bill.Total, Currency.Inr), bill.IssuedAt), (purchase.BillNumber, purchase.OrderId, purchase.Amount, purchase.PurchasedAt));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UpcomingSpecialDates_WindowAcrossYearEnd_FindsDatesInBothYears(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var asha = await UpsertAsync(database.Database, store, "Asha", "9876500001", birthday: new(1990, 12, 30), anniversary: new(2015, 6, 1));
        var bina = await UpsertAsync(database.Database, store, "Bina", "9876500002", birthday: new(1985, 3, 3), anniversary: new(2010, 1, 3));
        await UpsertAsync(database.Database, store, "Charu", "9876500003", birthday: new(1992, 1, 4), anniversary: new(2012, 12, 27));

        var dates = await store.UpcomingSpecialDatesAsync(new DateOnly(2026, 12, 28), 7, Ct);

        Assert.Equal(
            [(asha, SpecialDateKind.Birthday, new DateOnly(2026, 12, 30), 36), (bina, SpecialDateKind.Anniversary, new DateOnly(2027, 1, 3), 17)],
            dates.Select(d => (d.CustomerId, d.Kind, d.On, d.Years)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task UpcomingSpecialDates_LeapDayBirthday_FallsOnTheTwentyEighthInCommonYears(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var leap = await UpsertAsync(database.Database, store, "Leela", "9876500004", birthday: new(2000, 2, 29));

        var common = await store.UpcomingSpecialDatesAsync(new DateOnly(2027, 2, 28), 1, Ct);
        var leapYear = await store.UpcomingSpecialDatesAsync(new DateOnly(2028, 2, 28), 1, Ct);
        var wholeYear = await store.UpcomingSpecialDatesAsync(new DateOnly(2028, 3, 1), 366, Ct);

        Assert.Equal([(leap, new DateOnly(2027, 2, 28))], common.Select(d => (d.CustomerId, d.On)));
        Assert.Empty(leapYear);
        Assert.Equal([new DateOnly(2029, 2, 28)], wholeYear.Select(d => d.On));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SetConsent_ChangesAreAuditedAndObeyed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var created = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha", phone: "9876500001", refs: [new("pos", "C-1")]) with { SmsOptIn = true }, ct), Ct);
        var id = created.Customer.Id;

        Assert.True(await store.CanContactAsync(id, ContactChannel.Sms, Ct));
        Assert.False(await store.CanContactAsync(id, ContactChannel.Email, Ct));
        Assert.True(await database.Database.InUnitAsync((unit, ct) => store.SetConsentAsync(unit, id, ContactChannel.Email, true, "web", ct), Ct));
        Assert.False(await store.CanContactAsync(id, ContactChannel.Email, Ct));
        Assert.True(await database.Database.InUnitAsync((unit, ct) => store.SetConsentAsync(unit, id, ContactChannel.Sms, false, "sms-stop", ct), Ct));
        Assert.True(await database.Database.InUnitAsync((unit, ct) => store.SetConsentAsync(unit, id, ContactChannel.Sms, false, "sms-stop", ct), Ct));
        Assert.False(await store.CanContactAsync(id, ContactChannel.Sms, Ct));
        Assert.False(await database.Database.InUnitAsync((unit, ct) => store.SetConsentAsync(unit, Guid.NewGuid(), ContactChannel.Sms, true, "pos", ct), Ct));

        var history = await store.ConsentHistoryAsync(id, Ct);
        Assert.Equal(
            [(ContactChannel.Sms, true, "test"), (ContactChannel.Email, true, "web"), (ContactChannel.Sms, false, "sms-stop")],
            history.Select(c => (c.Channel, c.OptedIn, c.Source)));
        var customer = await store.GetAsync(id, Ct);
        Assert.False(customer?.SmsOptIn);
        Assert.True(customer?.EmailOptIn);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SetPreferences_ExistingKey_Overwritten(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var id = (await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha", phone: "9876500001") with { Preferences = new Dictionary<string, string> { ["metal"] = "gold" } }, ct), Ct)).Customer.Id;

        Assert.True(await database.Database.InUnitAsync((unit, ct) => store.SetPreferencesAsync(unit, id, new Dictionary<string, string> { ["metal"] = "platinum", ["style"] = "temple" }, ct), Ct));
        Assert.False(await database.Database.InUnitAsync((unit, ct) => store.SetPreferencesAsync(unit, Guid.NewGuid(), new Dictionary<string, string> { ["metal"] = "gold" }, ct), Ct));

        var customer = await store.GetAsync(id, Ct);
        Assert.Equal(new Dictionary<string, string> { ["metal"] = "platinum", ["style"] = "temple" }, customer?.Preferences);
    }

    private static async Task<Guid> UpsertAsync(Database db, CrmStore store, string name, string phone, DateOnly? birthday = null, DateOnly? anniversary = null) =>
        (await db.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person(name, phone: phone) with { Birthday = birthday, Anniversary = anniversary }, ct), Ct)).Customer.Id;
}
