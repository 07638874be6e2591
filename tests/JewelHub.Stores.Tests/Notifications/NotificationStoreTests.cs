using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Stores.Notifications;
using JewelHub.Testing;
using Xunit;
using static JewelHub.Stores.Tests.Crm.CrmStoreTests;

namespace JewelHub.Stores.Tests.Notifications;

/// <summary>A notification to a customer is Queued only with the customer's consent for its channel, and once per key.</summary>
public sealed class NotificationStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordForCustomer_ConsentPerChannel_QueuedOnlyWhereTheCustomerCanBeReached(DatabaseProvider provider)
    {
        // Arrange: SMS consent with a phone; no e-mail address at all; and an unknown customer.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var crm = CreateSut(database);
        var asha = (await database.Database.InUnitAsync((unit, ct) => crm.UpsertAsync(unit, Person("Asha", phone: "9876500001"), ct), Ct)).Customer.Id;
        Assert.True(await database.Database.InUnitAsync((unit, ct) => crm.SetConsentAsync(unit, asha, ContactChannel.Sms, optedIn: true, "counter", ct), Ct));
        Assert.True(await database.Database.InUnitAsync((unit, ct) => crm.SetConsentAsync(unit, asha, ContactChannel.Email, optedIn: true, "counter", ct), Ct));
        var sut = new NotificationStore(database.Database, TimeProvider.System);

        // Act
        var sms = await database.Database.InUnitAsync((unit, ct) => sut.RecordForCustomerAsync(unit, "k-sms", "bill-paid", asha, "SMS", ContactChannel.Sms, null, ct), Ct);
        var email = await database.Database.InUnitAsync((unit, ct) => sut.RecordForCustomerAsync(unit, "k-email", "bill-paid", asha, "email", ContactChannel.Email, null, ct), Ct);
        var stranger = await database.Database.InUnitAsync((unit, ct) => sut.RecordForCustomerAsync(unit, "k-stranger", "bill-paid", Guid.NewGuid(), "sms", ContactChannel.Sms, null, ct), Ct);

        // Assert: what was answered is what is stored.
        Assert.Equal(("Queued", true, "SMS"), (sms.Status, sms.ConsentOk, sms.Channel));
        Assert.Equal(("Suppressed", false), (email.Status, email.ConsentOk));
        Assert.Equal(("Suppressed", false), (stranger.Status, stranger.ConsentOk));
        Assert.Equal([sms, email], await sut.ForRecipientAsync(asha.ToString(), Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RecordForCustomer_SameKeyAfterConsentChanged_ReturnsTheFirstRowUnchanged(DatabaseProvider provider)
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var crm = CreateSut(database);
        var asha = (await database.Database.InUnitAsync((unit, ct) => crm.UpsertAsync(unit, Person("Asha", phone: "9876500001"), ct), Ct)).Customer.Id;
        var sut = new NotificationStore(database.Database, TimeProvider.System);
        var first = await database.Database.InUnitAsync((unit, ct) => sut.RecordForCustomerAsync(unit, "k-1", "bill-paid", asha, "sms", ContactChannel.Sms, null, ct), Ct);

        // Act: consent given afterwards, the same key again.
        Assert.True(await database.Database.InUnitAsync((unit, ct) => crm.SetConsentAsync(unit, asha, ContactChannel.Sms, optedIn: true, "counter", ct), Ct));
        var again = await database.Database.InUnitAsync((unit, ct) => sut.RecordForCustomerAsync(unit, "k-1", "bill-paid", asha, "sms", ContactChannel.Sms, null, ct), Ct);

        // Assert
        Assert.Equal("Suppressed", first.Status);
        Assert.Equal(first, again);
        Assert.Single(await sut.ForRecipientAsync(asha.ToString(), Ct));
    }
}
