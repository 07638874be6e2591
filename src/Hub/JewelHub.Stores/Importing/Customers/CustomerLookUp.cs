namespace JewelHub.Stores.Importing.Customers;

/// <summary>
/// For one batch of customers: the customers its legacy ids name, and those holding its phones and e-mails; resolving
/// the batch records the customers it creates, changes or references and the references it writes, so that the next
/// batch sees them as they were written.
/// </summary>
public sealed class CustomerLookUp : IBatchLookUp
{
    private List<CustomerState> _written = [];
    private IReadOnlyList<(string ExternalId, string CustomerId)> _writtenReferences = [];

    internal CustomerLookUp(Dictionary<string, string> references, Dictionary<string, CustomerState> known)
    {
        References = references;
        Known = known;
    }

    /// <summary>External id -> customer id, for the batch's external ids under the system.</summary>
    internal Dictionary<string, string> References { get; }

    /// <summary>The customers found, by id.</summary>
    internal Dictionary<string, CustomerState> Known { get; }

    internal void Wrote(List<CustomerState> customers, IReadOnlyList<(string ExternalId, string CustomerId)> references)
    {
        _written = customers;
        _writtenReferences = references;
    }

    // The earlier batch's customers replace what this look-up read of them: it may have read them before that batch
    // filled their blanks (or before they existed).
    public void Include(IBatchLookUp earlier)
    {
        var batch = (CustomerLookUp)earlier;
        foreach (var customer in batch._written)
        {
            Known[customer.Id] = customer.AsStored();
        }

        foreach (var (externalId, customerId) in batch._writtenReferences)
        {
            References[externalId] = customerId;
        }
    }
}
