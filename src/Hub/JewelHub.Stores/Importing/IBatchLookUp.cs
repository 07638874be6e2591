namespace JewelHub.Stores.Importing;

/// <summary>
/// What the store held about one batch's keys, read on a connection of its own while the batch before it was still
/// being written (see <c>ISqlDialect.WritersSerialize</c>). That earlier batch had not committed yet, so before this
/// batch is resolved the look-up takes in what the earlier one wrote.
/// </summary>
public interface IBatchLookUp
{
    /// <summary>Adds the keys <paramref name="earlier"/>'s batch wrote (only those: look-ups do not pile up batch after batch).</summary>
    void Include(IBatchLookUp earlier);
}
