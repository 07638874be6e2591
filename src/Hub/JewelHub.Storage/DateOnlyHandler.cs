using System.Data;
using System.Globalization;
using Dapper;

namespace JewelHub.Storage;

/// <summary>
/// Calendar dates (birthdays, anniversaries): a date column on PostgreSQL, ISO text (yyyy-MM-dd) on SQLite. Dapper
/// has no built-in mapping for <see cref="DateOnly"/>.
/// </summary>
internal sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }

    public override DateOnly Parse(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => DateOnly.ParseExact(text[..Math.Min(text.Length, 10)], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
    };
}
