using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace JewelHub.Storage;

/// <summary>
/// Applies the numbered, forward-only SQL migrations of the configured dialect (embedded under
/// Migrations/&lt;dialect&gt;/NNNN_name.sql), each in its own transaction, each once. A migration that was changed
/// after it was applied stops the hub: the database and the code no longer agree.
/// </summary>
public sealed class Migrator(Database database, TimeProvider clock)
{
    private const string Applied = "SELECT id, checksum FROM hub.schema_migrations";
    private const string Record = "INSERT INTO hub.schema_migrations (id, checksum, applied_at) VALUES (@Id, @Checksum, @At)";

    /// <summary>Applies what is missing; returns the ids applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = database.Dialect;
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
            var applied = (await unit.Connection.QueryAsync<(string Id, string Checksum)>(unit.Command(dialect.Sql(Applied), null, cancellationToken)))
                .ToDictionary(row => row.Id, row => row.Checksum, StringComparer.Ordinal);

            if (applied.TryGetValue(migration.Id, out var checksum))
            {
                if (checksum != migration.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Migration {migration.Id} was changed after it was applied. Migrations are forward-only: add a new one instead.");
                }

                continue;
            }

            await unit.Connection.ExecuteAsync(unit.Command(dialect.Sql(migration.Sql), null, cancellationToken));
            await unit.Connection.ExecuteAsync(unit.Command(dialect.Sql(Record), new { migration.Id, migration.Checksum, At = clock.GetUtcNow() }, cancellationToken));
            await unit.CommitAsync(cancellationToken);
            appliedNow.Add(migration.Id);
        }

        return appliedNow;
    }

    private static IEnumerable<(string Id, string Sql, string Checksum)> Load(DatabaseProvider provider)
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
                return (name[prefix.Length..^4], sql, checksum);
            });
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
