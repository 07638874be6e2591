namespace JewelHub.Storage.Bulk;

/// <summary>The column types bulk writes support; the same meaning on both databases (see the SQL conventions).</summary>
public enum BulkType
{
    Text,
    BigInt,
    /// <summary>A 32-bit integer.</summary>
    Int4,
    Boolean,
    /// <summary>A <see cref="DateOnly"/> (date on PostgreSQL, ISO text on SQLite).</summary>
    Date,
    /// <summary>A UTC <see cref="DateTimeOffset"/> (timestamptz on PostgreSQL, text on SQLite).</summary>
    Timestamp,
}

/// <summary>What a bulk write does with each row.</summary>
public enum BulkMode
{
    /// <summary>Insert; a row whose key exists is skipped (ON CONFLICT DO NOTHING).</summary>
    InsertIgnore,
    /// <summary>Update the non-key columns of the row with the same key.</summary>
    Update,
    /// <summary>Insert; a clash is an error.</summary>
    Insert,
    /// <summary>
    /// Insert rows the caller has checked are new: straight into the table where that is faster (binary COPY on
    /// PostgreSQL); if a key exists after all (a concurrent writer), the batch is written as <see cref="InsertIgnore"/>.
    /// </summary>
    InsertChecked,
}

/// <summary>One column of a bulk write.</summary>
public sealed record BulkColumn(string Name, BulkType Type);

/// <summary>
/// A table named as the stores' SQL names it (customers), the columns written in order, the key columns and the mode. Rows are
/// object arrays in column order.
/// </summary>
public sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns, IReadOnlyList<string> Key, BulkMode Mode)
{
    /// <summary>The same table written in another mode.</summary>
    public BulkTable As(BulkMode mode) => this with { Mode = mode };
}
