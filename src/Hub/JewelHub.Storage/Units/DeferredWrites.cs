using System.Data.Common;
using System.Text.RegularExpressions;

namespace JewelHub.Storage.Units;

/// <summary>
/// Plain INSERTs of a <see cref="UnitOfWork"/> held back to travel with its next statement, so that a run's inserts cost
/// no round trips of their own. Only an insert whose answer is known without running it is held: a single
/// <c>INSERT INTO … VALUES (…), (…)</c> without ON CONFLICT, RETURNING or SELECT affects exactly its rows or fails. A
/// failure then surfaces at the statement it travels with, or at the unit's commit; either way the unit is lost as a
/// whole, as it would have been, and nothing of it commits. Needs a provider that sends batches (PostgreSQL).
/// </summary>
internal sealed partial class DeferredWrites(DbConnection connection, DbTransaction transaction)
{
    private DbBatch? _batch;

    public bool IsEmpty => _batch is null;

    /// <summary>Holds <paramref name="command"/> back and returns its row count, or returns null when it must run now.</summary>
    public int? TryDefer(DbCommand command)
    {
        if (RowsOfPlainInsert(command.CommandText) is { } rows)
        {
            _batch ??= NewBatch();
            _batch.BatchCommands.Add(Move(command, _batch));
            return rows;
        }

        // A command of several statements (a MultiRowInsert batch) is held when every statement is a plain insert.
        if (!command.CommandText.Contains(';', StringComparison.Ordinal) || PlainInsertRows(command.CommandText) is not { } total)
        {
            return null;
        }

        return HoldParts(command) ? total : null;
    }

    // The rows a text of several plain inserts inserts, or null when any statement of it is something else.
    private static int? PlainInsertRows(string text)
    {
        if (text.Contains("--", StringComparison.Ordinal) || text.Contains("/*", StringComparison.Ordinal) || Statements(text) is not { Count: > 0 } statements)
        {
            return null;
        }

        var total = 0;
        foreach (var statement in statements)
        {
            if (RowsOfPlainInsert(statement) is not { } rows)
            {
                return null;
            }

            total += rows;
        }

        return total;
    }

    /// <summary>
    /// The held inserts with <paramref name="command"/> after them as one batch, and how many of the batch's last commands
    /// are <paramref name="command"/>'s. A command of several statements (a batch of <see cref="MultiRowInsert"/>) becomes
    /// one batch command per statement, each with the parameters it names. Null when nothing is held, or when the command
    /// cannot be split safely (comments in it): the held inserts must then be sent on their own first.
    /// </summary>
    public (DbBatch Batch, int Own)? TakeWith(DbCommand command)
    {
        if (_batch is null || Split(command, _batch) is not { } own)
        {
            return null;
        }

        var batch = _batch;
        _batch = null;
        foreach (var part in own)
        {
            batch.BatchCommands.Add(part);
        }

        return (batch, own.Count);
    }

    /// <summary>
    /// Holds <paramref name="command"/> back whatever it is: the caller needs no answer from it, and a failure of it loses
    /// the unit at its commit. False when the command cannot be split safely: it must then run now.
    /// </summary>
    public bool Hold(DbCommand command) => HoldParts(command);

    private bool HoldParts(DbCommand command)
    {
        var batch = _batch ?? NewBatch();
        if (Split(command, batch) is not { } parts)
        {
            if (_batch is null)
            {
                batch.Dispose();
            }

            return false;
        }

        foreach (var part in parts)
        {
            batch.BatchCommands.Add(part);
        }

        _batch = batch;
        return true;
    }

    /// <summary>
    /// Sends the held statements with the transaction's COMMIT after them, in one round trip; false when nothing is held
    /// (the caller commits as usual). A held statement that fails stops the batch before the COMMIT.
    /// </summary>
    public async Task<bool> FlushAndCommitAsync(bool sync, CancellationToken cancellationToken)
    {
        if (_batch is not { } batch)
        {
            return false;
        }

        _batch = null;
        await using (batch)
        {
            AddCommit(batch);
            _ = sync ? batch.ExecuteNonQuery() : await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Sends the held statements, the transaction's COMMIT and then <paramref name="sql"/> in one round trip, and returns
    /// the query's rows. The query runs after the COMMIT, outside the transaction: it sees what the commit made visible.
    /// A held statement or the COMMIT that fails stops the batch before the query.
    /// </summary>
    public async Task<List<T>> FlushCommitAndQueryAsync<T>(string sql, IReadOnlyDictionary<string, object?> parameters, bool sync, CancellationToken cancellationToken)
    {
        var batch = _batch ?? NewBatch();
        _batch = null;
        await using (batch)
        {
            AddCommit(batch);
            var query = batch.CreateBatchCommand();
            query.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = query.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                query.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(query);

            // One result set per statement that returns rows; the query's is the last.
            await using var reader = sync ? batch.ExecuteReader() : await batch.ExecuteReaderAsync(cancellationToken);
            List<T> rows;
            do
            {
                rows = [.. Dapper.SqlMapper.Parse<T>(reader)];
            }
            while (sync ? reader.NextResult() : await reader.NextResultAsync(cancellationToken));
            return rows;
        }
    }

    /// <summary>Sends the held inserts now.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch is { } batch)
        {
            _batch = null;
            await using (batch)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>Sends the held inserts now (for the rare synchronous caller).</summary>
    public void Flush()
    {
        if (_batch is { } batch)
        {
            _batch = null;
            using (batch)
            {
                batch.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Drops the held inserts (the unit rolls back).</summary>
    public void Discard()
    {
        _batch?.Dispose();
        _batch = null;
    }

    /// <summary>
    /// The number of rows a single <c>INSERT INTO … VALUES</c> statement without ON CONFLICT, RETURNING or SELECT
    /// inserts (its VALUES tuples), or null for any other statement.
    /// </summary>
    internal static int? RowsOfPlainInsert(string? sql)
    {
        var text = (sql ?? "").Trim().TrimEnd(';');
        if (!text.StartsWith("INSERT INTO ", StringComparison.OrdinalIgnoreCase)
            || text.Contains(';', StringComparison.Ordinal)
            || text.Contains("RETURNING", StringComparison.OrdinalIgnoreCase)
            || text.Contains("ON CONFLICT", StringComparison.OrdinalIgnoreCase)
            || text.Contains("SELECT", StringComparison.OrdinalIgnoreCase)
            || text.Contains('\'', StringComparison.Ordinal))
        {
            return null;
        }

        var values = text.IndexOf(" VALUES", StringComparison.OrdinalIgnoreCase);
        if (values < 0)
        {
            return null;
        }

        // Count the tuples at the top level after VALUES; anything but tuples and commas there is not a plain insert.
        var (rows, depth) = (0, 0);
        foreach (var c in text.AsSpan(values + " VALUES".Length))
        {
            switch (c)
            {
                case '(':
                    rows += depth == 0 ? 1 : 0;
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                default:
                    if (depth == 0 && c != ',' && !char.IsWhiteSpace(c))
                    {
                        return null;
                    }

                    break;
            }
        }

        return rows > 0 && depth == 0 ? rows : null;
    }

    private static void AddCommit(DbBatch batch)
    {
        var commit = batch.CreateBatchCommand();
        commit.CommandText = "COMMIT";
        batch.BatchCommands.Add(commit);
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        return batch;
    }

    // A parameter belongs to one collection at a time: the command gives its parameters up to the batch command.
    private static DbBatchCommand Move(DbCommand command, DbBatch batch)
    {
        var moved = batch.CreateBatchCommand();
        moved.CommandText = command.CommandText;
        moved.CommandType = command.CommandType;
        var parameters = command.Parameters.Cast<DbParameter>().ToArray();
        command.Parameters.Clear();
        foreach (var parameter in parameters)
        {
            moved.Parameters.Add(parameter);
        }

        return moved;
    }

    private static List<DbBatchCommand>? Split(DbCommand command, DbBatch batch)
    {
        var text = command.CommandText;
        if (!text.TrimEnd().TrimEnd(';').Contains(';', StringComparison.Ordinal))
        {
            return [Move(command, batch)];
        }

        if (text.Contains("--", StringComparison.Ordinal) || text.Contains("/*", StringComparison.Ordinal) || Statements(text) is not { } statements)
        {
            return null;
        }

        var parameters = command.Parameters.Cast<DbParameter>().ToList();
        var parts = new List<DbBatchCommand>();
        foreach (var statement in statements)
        {
            var part = batch.CreateBatchCommand();
            part.CommandText = statement;
            var names = ParameterName().Matches(statement).Select(match => match.Value[1..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in parameters.Where(p => names.Contains(p.ParameterName.TrimStart('@', ':'))))
            {
                if (parameter is not ICloneable cloneable)
                {
                    return null;
                }

                part.Parameters.Add((DbParameter)cloneable.Clone());
            }

            parts.Add(part);
        }

        return parts;
    }

    // The statements of a text, split at semicolons outside string literals; null when a literal is left open.
    private static List<string>? Statements(string text)
    {
        var statements = new List<string>();
        var (start, quoted) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'')
            {
                quoted = !quoted;
            }
            else if (text[i] == ';' && !quoted)
            {
                statements.Add(text[start..i]);
                start = i + 1;
            }
        }

        statements.Add(text[start..]);
        return quoted ? null : [.. statements.Select(statement => statement.Trim()).Where(statement => statement.Length > 0)];
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
