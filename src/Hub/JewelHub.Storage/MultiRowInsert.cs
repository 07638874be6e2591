using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace JewelHub.Storage;

/// <summary>
/// Writes many rows with one statement per chunk instead of one statement per row: an `INSERT … VALUES (@A, @B)
/// [ON CONFLICT …]` written for one row becomes `VALUES (@A_0, @B_0), (@A_1, @B_1), …` with each row's properties as
/// the numbered parameters. A workflow step writes a dozen journal lines; this sends them in one round trip, and a
/// <see cref="Batch"/> sends the inserts of several tables together.
/// </summary>
public static partial class MultiRowInsert
{
    // Well under SQLite's and PostgreSQL's limits on parameters per statement.
    private const int MaxParameters = 900;

    private static readonly ConcurrentDictionary<string, Template> Templates = new(StringComparer.Ordinal);

    /// <summary>
    /// Inserts <paramref name="rows"/> with <paramref name="sql"/> (already in the dialect), a single-row INSERT whose
    /// VALUES tuple names each row's properties. Rows must not conflict with each other when the statement has an
    /// ON CONFLICT … DO UPDATE clause. Returns the affected row count.
    /// </summary>
    public static async Task<int> ExecuteAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<T> rows, CancellationToken cancellationToken) =>
        await new Batch().Add(sql, rows).ExecuteAsync(connection, transaction, cancellationToken);

    /// <summary>
    /// Several statements sent as one command (one round trip): multi-row inserts, each written as for
    /// <see cref="ExecuteAsync"/>, and plain statements. Each statement's parameters are renamed apart from the others'.
    /// </summary>
    public sealed class Batch
    {
        private readonly StringBuilder _text = new();
        private readonly DynamicParameters _parameters = new();
        private int _statements;

        /// <summary>True when nothing was added.</summary>
        public bool IsEmpty => _statements == 0;

        /// <summary>Adds <paramref name="rows"/> written with a single-row INSERT (already in the dialect); no rows add nothing.</summary>
        public Batch Add<T>(string sql, IReadOnlyList<T> rows) => Add(sql, rows, Shared.None);

        /// <summary>
        /// The same, where the parameters named in <paramref name="shared"/> are given once for the statement instead of
        /// by each row, e.g. the key of a sub-select that every row's tuple contains.
        /// </summary>
        public Batch Add<T>(string sql, IReadOnlyList<T> rows, IReadOnlyDictionary<string, object?> shared)
        {
            if (rows.Count == 0)
            {
                return this;
            }

            var template = Templates.GetOrAdd(sql, Parse);
            var names = template.Names.Where(name => !shared.ContainsKey(name)).ToList();
            var getters = Getters<T>.For(names);
            var perChunk = Math.Max(1, MaxParameters / Math.Max(1, names.Count));
            for (var start = 0; start < rows.Count; start += perChunk)
            {
                var count = Math.Min(perChunk, rows.Count - start);
                var statement = Next();
                _text.Append(template.Head);
                for (var i = 0; i < count; i++)
                {
                    var suffix = statement + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    _text.Append(i == 0 ? " " : ", ").Append(ParameterName().Replace(
                        template.Tuple, match => match.Value + (shared.ContainsKey(match.Value[1..]) ? statement : suffix)));
                    for (var p = 0; p < names.Count; p++)
                    {
                        _parameters.Add(names[p] + suffix, getters[p](rows[start + i]));
                    }
                }

                _text.Append(template.Tail);
                foreach (var (name, value) in shared)
                {
                    _parameters.Add(name + statement, value);
                }
            }

            return this;
        }

        /// <summary>Adds one statement (already in the dialect) with its named parameters.</summary>
        public Batch AddStatement(string sql, IReadOnlyDictionary<string, object?> parameters)
        {
            var statement = Next();
            _text.Append(ParameterName().Replace(sql, match => match.Value + statement));
            foreach (var (name, value) in parameters)
            {
                _parameters.Add(name + statement, value);
            }

            return this;
        }

        /// <summary>Sends every statement in one command; returns the total affected row count.</summary>
        public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
            IsEmpty ? 0 : await connection.ExecuteAsync(new CommandDefinition(_text.ToString(), _parameters, transaction, cancellationToken: cancellationToken));

        /// <summary>
        /// Sends every statement in one command and runs them all; returns the first column of the first row that any of
        /// them returns (e.g. an UPDATE … RETURNING among inserts), or default when none returns a row.
        /// </summary>
        public async Task<T?> ExecuteScalarAsync<T>(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
        {
            await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(_text.ToString(), _parameters, transaction, cancellationToken: cancellationToken));
            var found = false;
            T? value = default;
            do
            {
                if (!found && await reader.ReadAsync(cancellationToken))
                {
                    (found, value) = (true, reader.GetFieldValue<T>(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
            return value;
        }

        /// <summary>
        /// Sends every statement and commits <paramref name="transaction"/>; returns the total affected row count. On
        /// PostgreSQL the COMMIT travels with the statements, so the whole write is one round trip; a statement that fails
        /// stops the batch before the COMMIT, and the transaction is then rolled back when it is disposed. In a unit of work
        /// the commit stays the unit's, as for any store transaction.
        /// </summary>
        public async Task<int> ExecuteAndCommitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            var commitsHere = WithCommit(transaction);
            var affected = await ExecuteAsync(connection, transaction, cancellationToken);
            if (!commitsHere)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return affected;
        }

        /// <summary>As <see cref="ExecuteScalarAsync{T}"/>, then commits as <see cref="ExecuteAndCommitAsync"/> does.</summary>
        public async Task<T?> ExecuteScalarAndCommitAsync<T>(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            var commitsHere = WithCommit(transaction);
            var value = await ExecuteScalarAsync<T>(connection, transaction, cancellationToken);
            if (!commitsHere)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return value;
        }

        // A transaction of its own on PostgreSQL ends with the batch; SQLite's and a unit's part are committed by their owner.
        private bool WithCommit(DbTransaction transaction)
        {
            if (transaction is not Npgsql.NpgsqlTransaction || IsEmpty)
            {
                return false;
            }

            AddStatement("COMMIT", Shared.None);
            return true;
        }

        private string Next()
        {
            if (_statements > 0)
            {
                _text.Append(";\n");
            }

            return "_s" + (_statements++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static Template Parse(string sql)
    {
        var values = sql.LastIndexOf("VALUES", StringComparison.OrdinalIgnoreCase);
        var open = values < 0 ? -1 : sql.IndexOf('(', values);
        var close = open < 0 ? -1 : ClosingParenthesis(sql, open);
        if (close < 0)
        {
            throw new ArgumentException("A multi-row insert needs an INSERT … VALUES (…) statement.", nameof(sql));
        }

        var tuple = sql[open..(close + 1)];
        var names = ParameterName().Matches(tuple).Select(match => match.Value[1..]).Distinct(StringComparer.Ordinal).ToList();
        return new Template(sql[..(values + "VALUES".Length)], tuple, sql[(close + 1)..], names);
    }

    private static int ClosingParenthesis(string sql, int open)
    {
        var depth = 0;
        for (var i = open; i < sql.Length; i++)
        {
            depth += sql[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();

    private static class Shared
    {
        public static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();
    }

    private sealed record Template(string Head, string Tuple, string Tail, IReadOnlyList<string> Names);

    private static class Getters<T>
    {
        private static readonly ConcurrentDictionary<string, Func<T, object?>> ByName = new(StringComparer.Ordinal);

        public static Func<T, object?>[] For(IReadOnlyList<string> names) => [.. names.Select(name => ByName.GetOrAdd(name, Create))];

        private static Func<T, object?> Create(string name)
        {
            var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new ArgumentException($"{typeof(T).Name} has no property for parameter @{name}.", nameof(name));
            return row => property.GetValue(row);
        }
    }
}
