using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace JewelHub.Storage;

/// <summary>
/// Applies the numbered, forward-only SQL migrations of the configured dialect (embedded under
/// Migrations/&lt;dialect&gt;/NNNN_name.sql), each in its own transaction, each once, exactly as the file reads. A
/// migration that was changed after it was applied stops the hub: the database and the code no longer agree.
/// <para>
/// One exception, written in the file itself: a file whose first line is <c>-- previous checksum: &lt;hex&gt;</c> was
/// rewritten without changing what it does, and a database that applied the earlier text (recorded with that checksum)
/// is accepted as having applied this one. The SQLite files 0001–0017 carry it: they were once written with
/// schema-qualified names that the hub rewrote when applying them, and now read as the SQL that ran.
/// </para>
/// </summary>
public sealed class Migrator(Database database, TimeProvider clock)
{
    /// <summary>The first line of a rewritten migration, followed by the checksum its earlier text was recorded with.</summary>
    public const string PreviousChecksumLine = "-- previous checksum: ";

    /// <summary>Applies what is missing; returns the ids applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
        var selectApplied = $"SELECT id, checksum FROM {dialect.MigrationsTable}";
        var record = $"INSERT INTO {dialect.MigrationsTable} (id, checksum, applied_at) VALUES (@Id, @Checksum, @At)";
        await using (var unit = await database.BeginUnitAsync(cancellationToken))
        {
            await unit.Connection.ExecuteAsync(unit.Command(dialect.MigrationsBootstrap, null, cancellationToken));
            await unit.CommitAsync(cancellationToken);
        }

        var appliedNow = new List<string>();
        foreach (var migration in Load(dialect.Provider))
        {
            await using var unit = await database.BeginUnitAsync(cancellationToken);
            await unit.Connection.ExecuteAsync(unit.Command(dialect.MigrationLock, null, cancellationToken));
            var applied = (await unit.Connection.QueryAsync<(string Id, string Checksum)>(unit.Command(selectApplied, null, cancellationToken)))
                .ToDictionary(row => row.Id, row => row.Checksum, StringComparer.Ordinal);

            if (applied.TryGetValue(migration.Id, out var checksum))
            {
                if (checksum != migration.Checksum && checksum != migration.PreviousChecksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Id} was changed after it was applied. Migrations are forward-only: add a new one instead.");
                }

                continue;
            }

            await unit.Connection.ExecuteAsync(unit.Command(migration.Sql, null, cancellationToken));
            await unit.Connection.ExecuteAsync(unit.Command(record, new { migration.Id, migration.Checksum, At = clock.GetUtcNow() }, cancellationToken));
            await unit.CommitAsync(cancellationToken);
            appliedNow.Add(migration.Id);
        }

        return appliedNow;
    }

    private static IEnumerable<(string Id, string Sql, string Checksum, string? PreviousChecksum)> Load(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{provider.ToString().ToLowerInvariant()}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var sql = Read(assembly, name);
                var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                return (name[prefix.Length..^4], sql, checksum, PreviousChecksum(sql));
            });
    }

    // The file's declared earlier checksum (its first line), or null.
    private static string? PreviousChecksum(string file)
    {
        var firstLine = file[..Math.Max(file.IndexOf('\n', StringComparison.Ordinal), 0)];
        return firstLine.StartsWith(PreviousChecksumLine, StringComparison.Ordinal) ? firstLine[PreviousChecksumLine.Length..].Trim() : null;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
