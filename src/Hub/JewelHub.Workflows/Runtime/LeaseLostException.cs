namespace JewelHub.Workflows.Runtime;

/// <summary>The run no longer holds the instance's lease (another runner took over, or the instance was cancelled): stop without writing.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
