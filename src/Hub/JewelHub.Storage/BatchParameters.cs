using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;

namespace JewelHub.Storage;

/// <summary>
/// Binds a <see cref="SqlStatement"/>'s parameters to a batch command the way Dapper binds a command's: each public
/// property (or dictionary entry) becomes the parameter of its name, with the hub's type handlers' conversions
/// (timestamps in UTC, enums as their number).
/// </summary>
internal static class BatchParameters
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static void Bind(DbBatchCommand command, object? parameters)
    {
        switch (parameters)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, object?>> named:
                foreach (var (name, value) in named)
                {
                    Add(command, name, value);
                }

                return;
            default:
                foreach (var property in Properties.GetOrAdd(parameters.GetType(), Readable))
                {
                    Add(command, property.Name, property.GetValue(parameters));
                }

                return;
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];

    private static void Add(DbBatchCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset instant => instant.ToUniversalTime(),
            Enum member => Convert.ChangeType(member, Enum.GetUnderlyingType(member.GetType()), System.Globalization.CultureInfo.InvariantCulture),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }
}
