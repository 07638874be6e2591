using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JewelHub.Storage;

namespace JewelHub.Bench.Imports;

/// <summary>A hash of what some queries return, row by row, so two benchmark databases can be shown to hold the same data.</summary>
internal static class BenchDigest
{
    public static async Task<string> ComputeAsync(Database db, IReadOnlyList<string> queries, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var line = new StringBuilder();
            while (await reader.ReadAsync(cancellationToken))
            {
                line.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    line.Append(reader.IsDBNull(i) ? "\\N" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\t');
                }

                hash.AppendData(Encoding.UTF8.GetBytes(line.Append('\n').ToString()));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
