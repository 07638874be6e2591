namespace JewelHub.Workflows.ActivityModel;

/// <summary>An activity input of type <typeparamref name="T"/>: required, or optional with a default value.</summary>
/// <typeparam name="T">The value type the expression is converted to.</typeparam>
public sealed class Input<T> : IInput
{
    internal Input(bool required, T? defaultValue)
    {
        IsRequired = required;
        DefaultValue = defaultValue;
    }

    /// <summary>True when the workflow JSON must give a value.</summary>
    public bool IsRequired { get; }

    /// <summary>The value used when the JSON gives none.</summary>
    public T? DefaultValue { get; }

    object? IInput.DefaultValue => DefaultValue;

    Type IInput.ValueType => typeof(T);
}

/// <summary>Creates inputs.</summary>
public static class Input
{
    /// <summary>An input the JSON must give.</summary>
    public static Input<T> Required<T>() => new(required: true, default);

    /// <summary>An input that falls back to <paramref name="defaultValue"/>.</summary>
    public static Input<T> Optional<T>(T? defaultValue = default) => new(required: false, defaultValue);
}

/// <summary>The untyped view of an input, used by the registry and the evaluator.</summary>
public interface IInput
{
    /// <summary>True when the workflow JSON must give a value.</summary>
    bool IsRequired { get; }

    /// <summary>The value used when the JSON gives none.</summary>
    object? DefaultValue { get; }

    /// <summary>The value type.</summary>
    Type ValueType { get; }
}
