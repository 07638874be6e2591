namespace JewelHub.Mappings;

/// <summary>The outcome of mapping one source record: the canonical record, or every reason it could not be mapped.</summary>
public abstract record MapResult
{
    private MapResult()
    {
    }

    /// <summary>The record was mapped.</summary>
    public sealed record Mapped(IReadOnlyDictionary<string, object?> Record) : MapResult;

    /// <summary>The record could not be mapped; each error names the field.</summary>
    public sealed record Failed(IReadOnlyList<MapError> Errors) : MapResult;
}

/// <summary>Why one field could not be mapped.</summary>
/// <param name="Field">The source column or path.</param>
/// <param name="Reason">A plain reason an operator can act on.</param>
public sealed record MapError(string Field, string Reason);
