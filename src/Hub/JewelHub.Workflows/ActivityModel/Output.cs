namespace JewelHub.Workflows.ActivityModel;

/// <summary>An activity output of type <typeparamref name="T"/>; the workflow may bind it to a variable.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class Output<T> : IOutput
{
    Type IOutput.ValueType => typeof(T);
}

/// <summary>The untyped view of an output.</summary>
public interface IOutput
{
    /// <summary>The value type.</summary>
    Type ValueType { get; }
}
