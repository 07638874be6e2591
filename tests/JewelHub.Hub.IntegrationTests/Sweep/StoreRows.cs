using Dapper;
using JewelHub.Storage;
using JewelHub.Testing;

namespace JewelHub.Hub.IntegrationTests.Sweep;

/// <summary>
/// The row count of every table of the hub (on PostgreSQL: in the crm, inventory, finance and hub schemas), read in one
/// round trip. The table list is read from the database once, so a table added by a new migration is counted without
/// anyone listing it.
/// </summary>
internal sealed class StoreRows
{
    private static readonly string[] Schemas = ["crm", "inventory", "finance", "hub"];

    private readonly Database _database;
    private readonly string _query;

    private StoreRows(Database database, string query)
    {
        _database = database;
        _query = query;
    }

    public static async Task<StoreRows> ForAsync(HubServer hub, CancellationToken cancellationToken)
    {
        var database = hub.Database.Database;
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = database.Provider == DatabaseProvider.Postgres
            ? await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema = ANY(@Schemas)",
                new { Schemas }, cancellationToken: cancellationToken))
            : (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'", cancellationToken: cancellationToken)));
        var names = tables.Order(StringComparer.Ordinal).ToList();
        if (names.Count < 20)
        {
            throw new InvalidOperationException($"Expected the hub's tables, found only: {string.Join(", ", names)}");
        }

        var query = string.Join(" UNION ALL ", names.Select(name => $"SELECT '{name}' AS t, count(*) AS n FROM {name}"));
        return new StoreRows(database, query);
    }

    /// <summary>Every table with its row count, e.g. {"bills": 1, …}.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Table, long Count)>(new CommandDefinition(_query, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Table, row => row.Count, StringComparer.Ordinal);
    }

    /// <summary>The tables whose counts differ, as "table a→b", or empty.</summary>
    public static string Difference(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        string.Join(", ", after.Where(pair => !before.TryGetValue(pair.Key, out var was) || was != pair.Value)
            .Select(pair => $"{pair.Key} {before.GetValueOrDefault(pair.Key)}→{pair.Value}"));
}
