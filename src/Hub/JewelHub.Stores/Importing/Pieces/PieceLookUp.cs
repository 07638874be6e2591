namespace JewelHub.Stores.Importing.Pieces;

/// <summary>
/// For one batch of pieces: the tags already referenced under the system, the SKUs already taken by a piece or stock
/// item, and the pieces holding the batch's HUIDs; resolving the batch adds what it writes, and keeps that apart.
/// </summary>
public sealed class PieceLookUp : IBatchLookUp
{
    private readonly List<PieceImportRow> _written = [];

    internal PieceLookUp(Dictionary<string, PieceFacts> references, HashSet<string> skus, Dictionary<string, string> huids)
    {
        References = references;
        Skus = skus;
        Huids = huids;
    }

    internal Dictionary<string, PieceFacts> References { get; }

    internal HashSet<string> Skus { get; }

    internal Dictionary<string, string> Huids { get; }

    /// <summary>Records a piece the batch writes, so that later rows (and the next batch) see its tag, SKU and HUID as taken.</summary>
    internal void Add(PieceImportRow row)
    {
        Take(row);
        _written.Add(row);
    }

    public void Include(IBatchLookUp earlier)
    {
        foreach (var row in ((PieceLookUp)earlier)._written)
        {
            Take(row);
        }
    }

    private void Take(PieceImportRow row)
    {
        References[row.ExternalId] = PieceFacts.Of(row);
        Skus.Add(row.Sku);
        if (row.Huid is not null)
        {
            Huids[row.Huid] = row.Sku;
        }
    }
}
