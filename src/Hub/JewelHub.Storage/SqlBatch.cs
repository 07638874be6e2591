namespace JewelHub.Storage;

/// <summary>
/// Statements a store sends together, in the order added, each with its own parameters (an object whose properties,
/// or a dictionary whose keys, are the statement's @names). Run it with <see cref="UnitOfWork.ExecuteAsync"/> or
/// <see cref="UnitOfWork.CommitAsync(SqlBatch, CancellationToken)"/>: on PostgreSQL the statements travel in one round
/// trip; SQLite runs them one after another in the process. Nothing is rewritten: each statement runs as written.
/// </summary>
public sealed class SqlBatch
{
    private readonly List<SqlStatement> _statements = [];

    /// <summary>A batch with no statements.</summary>
    public static SqlBatch Empty => new();

    /// <summary>The statements, in order.</summary>
    public IReadOnlyList<SqlStatement> Statements => _statements;

    public int Count => _statements.Count;

    /// <summary>Adds one statement (already in the dialect).</summary>
    public SqlBatch Add(string sql, object? parameters)
    {
        _statements.Add(new SqlStatement(sql, parameters));
        return this;
    }

    /// <summary>Adds <paramref name="sql"/> once per row, each row its parameters: e.g. the lines of a bill.</summary>
    public SqlBatch AddEach<T>(string sql, IEnumerable<T> rows)
    {
        foreach (var row in rows)
        {
            _statements.Add(new SqlStatement(sql, row));
        }

        return this;
    }

    /// <summary>Adds the statements of <paramref name="other"/> after these.</summary>
    public SqlBatch Add(SqlBatch other)
    {
        _statements.AddRange(other._statements);
        return this;
    }
}

/// <summary>One statement of a <see cref="SqlBatch"/>: its SQL in the dialect and its parameters.</summary>
public sealed record SqlStatement(string Sql, object? Parameters);
