namespace JewelHub.Stores.Importing.Customers;

/// <summary>Decides, row by row in file order, which customer each row is and what changes; pure, no I/O.</summary>
internal sealed class CustomerResolver
{
    private readonly string _system;
    private readonly Dictionary<string, string> _references;
    private readonly Dictionary<string, CustomerState> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerState> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerState> _byEmail = new(StringComparer.Ordinal);
    private readonly List<(string ExternalId, string CustomerId)> _newReferences = [];
    private readonly HashSet<string> _referenced = new(StringComparer.Ordinal);
    private readonly List<ImportMerge> _merges = [];
    private long _inserted;
    private long _updated;
    private long _merged;
    private long _unchanged;

    public CustomerResolver(string system, Dictionary<string, string> references, IEnumerable<CustomerState> known)
    {
        _system = system;
        _references = references;
        foreach (var customer in known)
        {
            Index(customer);
        }
    }

    public IEnumerable<CustomerState> Inserted => _byId.Values.Where(c => c.IsNew);

    public IEnumerable<CustomerState> Updated => _byId.Values.Where(c => !c.IsNew && c.Changed);

    public IReadOnlyList<(string ExternalId, string CustomerId)> NewReferences => _newReferences;

    /// <summary>The customers the batch creates, changes or gives a new reference, as they stand after it.</summary>
    public IEnumerable<CustomerState> Written => _byId.Values.Where(c => c.IsNew || c.Changed || _referenced.Contains(c.Id));

    public IReadOnlyList<ImportMerge> Merges => _merges;

    public ImportCounts Counts => new(_inserted + _updated + _merged + _unchanged, _inserted, _updated, _merged, _unchanged, 0);

    public void Apply(CustomerImportRow row)
    {
        if (_references.TryGetValue(row.ExternalId, out var id) && _byId.TryGetValue(id, out var same))
        {
            _ = Fill(same, row) ? _updated++ : _unchanged++;
            return;
        }

        var (match, on) = row.Phone is not null && _byPhone.TryGetValue(row.Phone, out var byPhone) ? (byPhone, "phone")
            : row.Email is not null && _byEmail.TryGetValue(row.Email, out var byEmail) ? (byEmail, "email")
            : (null, "");
        if (match is not null)
        {
            Fill(match, row);
            Reference(row.ExternalId, match.Id);
            _merges.Add(new ImportMerge(row.RowNumber, row.ExternalId, match.Id, on));
            _merged++;
            return;
        }

        var created = new CustomerState
        {
            Id = CustomerState.IdFor(_system, row.ExternalId),
            Name = row.Name,
            PhoneE164 = row.Phone,
            Email = row.Email,
            Birthday = row.Birthday,
            Anniversary = row.Anniversary,
            SmsOptIn = row.SmsOptIn,
            EmailOptIn = row.EmailOptIn,
            AddressLine = row.Address.Line,
            City = row.Address.City,
            State = row.Address.State,
            Pincode = row.Address.Pincode,
            HomeBranch = row.HomeBranch,
            Attributes = row.Attributes,
            IsNew = true,
        };
        Index(created);
        Reference(row.ExternalId, created.Id);
        _inserted++;
    }

    private bool Fill(CustomerState customer, CustomerImportRow row)
    {
        var changed = customer.FillFrom(row, phone => !_byPhone.ContainsKey(phone), email => !_byEmail.ContainsKey(email));
        Index(customer);
        return changed;
    }

    private void Reference(string externalId, string customerId)
    {
        _references[externalId] = customerId;
        _newReferences.Add((externalId, customerId));
        _referenced.Add(customerId);
    }

    private void Index(CustomerState customer)
    {
        _byId[customer.Id] = customer;
        if (customer.PhoneE164 is not null)
        {
            _byPhone.TryAdd(customer.PhoneE164, customer);
        }

        if (customer.Email is not null)
        {
            _byEmail.TryAdd(customer.Email, customer);
        }
    }
}
