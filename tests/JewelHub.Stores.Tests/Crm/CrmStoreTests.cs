using Dapper;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Storage;
using JewelHub.Stores.Crm;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Crm;

public sealed class CrmStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_SameReferenceTwice_MatchesTheFirstCustomer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);

        var first = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha Rao", refs: [new("pos", "C-00042")]), ct), Ct);
        var second = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Asha R.", refs: [new("POS ", " C-00042")]), ct), Ct);

        Assert.Equal(CustomerUpsertOutcome.Created, first.Outcome);
        Assert.Equal(CustomerUpsertOutcome.Matched, second.Outcome);
        Assert.Equal(first.Customer.Id, second.Customer.Id);
        Assert.Equal("Asha Rao", second.Customer.Name);
        Assert.Equal(first.Customer.Id, (await store.FindByReferenceAsync("pos", "C-00042", Ct))?.Id);
        Assert.Null(await store.FindByReferenceAsync("pos", "c-00042", Ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_PhoneInDifferentFormats_MatchesOneCustomerAndRecordsEachReference(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);

        var pos = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Meera Iyer", phone: "+91 98765 43210", refs: [new("pos", "C-7")]), ct), Ct);
        var web = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Meera", phone: "098765-43210", refs: [new("shopify", "8209")]), ct), Ct);
        var legacy = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("M Iyer", phone: "9876543210", refs: [new("legacy", "C-00042")]), ct), Ct);

        Assert.Equal(CustomerUpsertOutcome.Created, pos.Outcome);
        Assert.Equal(CustomerUpsertOutcome.Updated, web.Outcome);
        Assert.Equal(CustomerUpsertOutcome.Updated, legacy.Outcome);
        Assert.All([web, legacy], r => Assert.Equal(pos.Customer.Id, r.Customer.Id));
        Assert.Equal("+919876543210", legacy.Customer.Phone?.Value);
        Assert.Equal(["legacy", "pos", "shopify"], legacy.Customer.References.Select(r => r.System));
        Assert.Equal(pos.Customer.Id, (await store.FindByPhoneAsync("98765 43210", Ct))?.Id);
        Assert.Equal(pos.Customer.Id, (await store.FindByPhoneAsync("0091-98765-43210", Ct))?.Id);
        Assert.Null(await store.FindByPhoneAsync("not a phone", Ct));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_EmailInOtherCase_MatchesAndFillsMissingFieldsOnly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var created = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Kavya Nair", email: "kavya@example.com") with
        {
            Birthday = new DateOnly(1990, 5, 14),
            Preferences = new Dictionary<string, string> { ["metal"] = "gold" },
        }, ct), Ct);

        var matched = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("K. Nair", email: " Kavya@Example.COM ", phone: "99887 76655") with
        {
            Birthday = new DateOnly(1991, 1, 1),
            Anniversary = new DateOnly(2015, 11, 20),
            Preferences = new Dictionary<string, string> { ["metal"] = "platinum", ["ringSize"] = "14" },
        }, ct), Ct);

        var customer = matched.Customer;
        Assert.Equal(created.Customer.Id, customer.Id);
        Assert.Equal(CustomerUpsertOutcome.Updated, matched.Outcome);
        Assert.Equal("Kavya Nair", customer.Name);
        Assert.Equal("+919988776655", customer.Phone?.Value);
        Assert.Equal(new DateOnly(1990, 5, 14), customer.Birthday);
        Assert.Equal(new DateOnly(2015, 11, 20), customer.Anniversary);
        Assert.Equal("gold", customer.Preferences["metal"]);
        Assert.Equal("14", customer.Preferences["ringSize"]);
        Assert.Equal(customer.Id, (await store.FindByEmailAsync("KAVYA@example.com", Ct))?.Id);
        var read = await store.GetAsync(customer.Id, Ct);
        Assert.Equal((customer.Name, customer.Phone, customer.Email, customer.Birthday), (read?.Name, read?.Phone, read?.Email, read?.Birthday));
        Assert.Equal(customer.Preferences, read?.Preferences);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_ReferenceOfOneCustomerPhoneOfAnother_MatchesByReferenceAndLeavesThePhone(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);
        var byRef = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Ravi", refs: [new("pos", "C-1")]), ct), Ct);
        var byPhone = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Sunita", phone: "9000000001"), ct), Ct);

        var result = await database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Ravi", phone: "9000000001", refs: [new("pos", "C-1")]), ct), Ct);

        Assert.Equal(byRef.Customer.Id, result.Customer.Id);
        Assert.Null(result.Customer.Phone);
        Assert.Equal(byPhone.Customer.Id, (await store.FindByPhoneAsync("9000000001", Ct))?.Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_TwentyConcurrentUpsertsOfOneNewPerson_CreateOneCustomer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(
            () => database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Farah Khan", phone: "+91 91234 56789", email: "farah@example.com", refs: [new("web", $"W-{i}")]), ct), Ct), Ct)));

        Assert.Single(results, r => r.Outcome == CustomerUpsertOutcome.Created);
        Assert.Single(results.Select(r => r.Customer.Id).Distinct());
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM customers"));
        Assert.Equal(20, await CountAsync(database, "SELECT count(*) FROM customer_refs"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Upsert_TwentyConcurrentUpsertsOfOneReference_CreateOneCustomer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(_ => Task.Run(
            () => database.Database.InUnitAsync((unit, ct) => store.UpsertAsync(unit, Person("Walk-in", refs: [new("pos", "C-99")]), ct), Ct), Ct)));

        Assert.Single(results, r => r.Outcome == CustomerUpsertOutcome.Created);
        Assert.Single(results.Select(r => r.Customer.Id).Distinct());
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM customers"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Get_UnknownCustomer_ReturnsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var store = CreateSut(database);

        Assert.Null(await store.GetAsync(Guid.NewGuid(), Ct));
        Assert.Null(await store.FindByEmailAsync("nobody@example.com", Ct));
        Assert.Null(await store.FindByReferenceAsync("pos", "C-404", Ct));
    }

    internal static CrmStore CreateSut(TestDatabase database) => new(database.Database, TimeProvider.System, new CrmOptions());

    internal static CustomerUpsert Person(string name, string? phone = null, string? email = null, ExternalReference[]? refs = null) => new()
    {
        Name = name,
        Phone = phone is null ? null : PhoneNumber.TryParse(phone, "91", out var p, out var error) ? p : throw new FormatException(error),
        Email = email is null ? null : EmailAddress.TryParse(email, out var e, out var emailError) ? e : throw new FormatException(emailError),
        References = refs ?? [],
        Source = "test",
    };

    internal static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var connection = await database.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Ct));
    }
}
