namespace JewelHub.Mappings;

/// <summary>The outcome of mapping one source record: the canonical record, or every reason it could not be mapped.</summary>
public abstract record MapResult
{
    private MapResult()
    {
    }

    /// <summary>
    /// The record was mapped. Values are typed (string, int, decimal, bool, DateOnly, DateTimeOffset, and the canonical
    /// value types); a group such as stones is a list of field dictionaries. Missing values are absent.
    /// </summary>
    public sealed record Mapped(IReadOnlyDictionary<string, object?> Record) : MapResult;

    /// <summary>The record could not be mapped; each error names the field.</summary>
    public sealed record Failed(IReadOnlyList<MapError> Errors) : MapResult;
}

/// <summary>Why one field could not be mapped.</summary>
/// <param name="Field">The source column or path (several joined with +).</param>
/// <param name="Reason">A plain reason an operator can act on.</param>
/// <param name="Target">The canonical field that could not be filled.</param>
public sealed record MapError(string Field, string Reason, string? Target = null);
