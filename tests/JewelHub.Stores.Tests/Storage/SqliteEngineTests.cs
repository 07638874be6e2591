using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;
using Xunit;

namespace JewelHub.Stores.Tests.Storage;

/// <summary>The SQLite engine the hub ships is a current one, not the 2021 build older bundles carried.</summary>
public sealed class SqliteEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SqliteVersion_IsAtLeast3_45()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, Ct);
        await using var connection = await database.Database.OpenAsync(Ct);

        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT sqlite_version()", cancellationToken: Ct));

        Assert.True(Version.Parse(version!) >= new Version(3, 45), $"SQLite {version} is older than 3.45");
    }
}
