using Dapper;
using JewelHub.Storage;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>Reads what an import left in the CRM tables, in a stable form for comparing two databases.</summary>
internal static class ImportDatabase
{
    private const string Customers = """
        SELECT id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in FROM customers ORDER BY id
        """;

    private const string References = "SELECT system, external_id, customer_id FROM customer_refs ORDER BY system, external_id";

    /// <summary>Every customer and reference as text lines; timestamps are left out (they differ between runs).</summary>
    public static async Task<IReadOnlyList<string>> DumpAsync(Database db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var customers = await connection.QueryAsync<(string, string, string?, string?, DateOnly?, DateOnly?, bool, bool)>(
            new CommandDefinition(Customers, cancellationToken: cancellationToken));
        var references = await connection.QueryAsync<(string, string, string)>(new CommandDefinition(References, cancellationToken: cancellationToken));
        return customers.Select(c => c.ToString()).Concat(references.Select(r => r.ToString())).ToList();
    }

    /// <summary>The rows a query returns, each as one line of its values (for comparing a table before and after).</summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(Database db, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
        return rows.Select(row => string.Join("|", ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))).ToList();
    }

    /// <summary>The number of rows in a table.</summary>
    public static async Task<long> CountAsync(Database db, string table, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken));
    }

    /// <summary>A digest of the customer tables computed by PostgreSQL (for a million rows).</summary>
    public static async Task<string> PostgresDigestAsync(Database db, CancellationToken cancellationToken)
    {
        const string Digest = """
            SELECT (SELECT md5(string_agg(concat_ws('|', id, name, phone_e164, email, birthday, anniversary, sms_opt_in, email_opt_in), ',' ORDER BY id)) FROM customers)
                || (SELECT md5(string_agg(concat_ws('|', system, external_id, customer_id), ',' ORDER BY system, external_id)) FROM customer_refs)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(Digest, cancellationToken: cancellationToken)) ?? "";
    }
}
