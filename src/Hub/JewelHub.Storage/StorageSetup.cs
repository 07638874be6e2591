using System.Data;
using Dapper;

namespace JewelHub.Storage;

/// <summary>Process-wide Dapper and SQLite set-up, done once.</summary>
public static class StorageSetup
{
    private static readonly Lazy<bool> Initialised = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        return true;
    });

    public static void EnsureInitialised() => _ = Initialised.Value;

    /// <summary>
    /// Timestamps are written in UTC (PostgreSQL timestamptz requires it; SQLite keeps ISO text that then sorts in
    /// time order) and read back from either a DateTime (Npgsql) or text (SQLite).
    /// </summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
        };
    }
}
