using Dapper;
using JewelHub.Storage;
using JewelHub.Stores.Importing.Customers;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Importing.Customers;

public sealed class CustomerImporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Write_CustomerExistsWithoutReference_KeepsCustomerAndAddsReference(DatabaseProvider provider)
    {
        // Arrange: a customer whose reference is gone (and who has no phone or e-mail to match on) looks new to the
        // look-ups, but its derived id is taken: the fast write of new rows fails and the batch goes through the merge.
        await using var database = await TestDatabase.CreateAsync(provider, Ct);
        var db = database.Database;
        var importer = new CustomerImporter(db, TimeProvider.System);
        await WriteAsync(db, importer, [Row(2, "1", "Asha", "+919876500001"), Row(3, "2", "Bela", null)]);
        var bela = await ExecuteAsync(db, "SELECT customer_id FROM customer_refs WHERE external_id = '2'");
        await ExecuteAsync(db, "DELETE FROM customer_refs WHERE external_id = '2'");

        // Act
        await WriteAsync(db, importer, [Row(3, "2", "Bela", null), Row(4, "3", "Chitra", "+919876500003")]);

        // Assert
        Assert.Equal("3", await ExecuteAsync(db, "SELECT CAST(COUNT(*) AS TEXT) FROM customers"));
        Assert.Equal("3", await ExecuteAsync(db, "SELECT CAST(COUNT(*) AS TEXT) FROM customer_refs"));
        Assert.Equal(bela, await ExecuteAsync(db, "SELECT customer_id FROM customer_refs WHERE external_id = '2'"));
        Assert.Equal("Chitra", await ExecuteAsync(db, "SELECT c.name FROM customers c JOIN customer_refs r ON r.customer_id = c.id WHERE r.external_id = '3'"));
    }

    private static CustomerImportRow Row(long row, string externalId, string name, string? phone) =>
        new(row, externalId, name, phone, null, null, null, false, false);

    private static async Task WriteAsync(Database db, CustomerImporter importer, IReadOnlyList<CustomerImportRow> rows)
    {
        await using var connection = await db.OpenAsync(Ct);
        await using var transaction = await db.Dialect.BeginWriteAsync(connection, Ct);
        await importer.WriteAsync(connection, transaction, "pos", rows, Ct);
        await transaction.CommitAsync(Ct);
    }

    private static async Task<string?> ExecuteAsync(Database db, string sql)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, cancellationToken: Ct));
    }
}
