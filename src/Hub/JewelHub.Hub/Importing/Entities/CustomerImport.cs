using System.Data.Common;
using JewelHub.Canonical.Entities;
using JewelHub.Canonical.Values;
using JewelHub.Stores.Importing;
using JewelHub.Stores.Importing.Customers;

namespace JewelHub.Hub.Importing.Entities;

/// <summary>Customers: legacy ids into crm.customer_refs, matched and merged by normalised phone and e-mail.</summary>
public sealed class CustomerImport(CustomerImporter importer) : IEntityImport
{
    public string Name => "customers";

    public string MapEntity => "customer";

    public string? PrintedKeyField => "externalId";

    public bool TryConvert(long rowNumber, IReadOnlyDictionary<string, object?> record, RowSource source, out object row, out string column, out string reason)
    {
        row = new CustomerImportRow(
            rowNumber,
            (string)record["externalId"]!,
            (string)record["name"]!,
            record.TryGetValue("phone", out var phone) ? ((PhoneNumber)phone!).Value : null,
            record.TryGetValue("email", out var email) ? ((EmailAddress)email!).Value : null,
            record.TryGetValue("birthday", out var birthday) ? (DateOnly)birthday! : null,
            record.TryGetValue("anniversary", out var anniversary) ? (DateOnly)anniversary! : null,
            record.TryGetValue("smsOptIn", out var sms) && (bool)sms!,
            record.TryGetValue("emailOptIn", out var mail) && (bool)mail!)
        {
            Address = new CustomerAddress(Text(record, "addressLine"), Text(record, "city"), Text(record, "state"), Text(record, "pincode")),
            HomeBranch = Text(record, "homeBranch"),
            Attributes = source.Attributes,
            PrintedId = source.PrintedKey?.Trim(),
        };
        column = "";
        reason = "";
        return true;
    }

    private static string? Text(IReadOnlyDictionary<string, object?> record, string field) => record.TryGetValue(field, out var value) ? (string?)value : null;

    public Task<ImportBatchResult> WriteAsync(DbConnection connection, DbTransaction transaction, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, rows.Cast<CustomerImportRow>().ToList(), cancellationToken);

    public async Task<IBatchLookUp?> LookUpAsync(DbConnection connection, string system, IReadOnlyList<object> rows, CancellationToken cancellationToken) =>
        await importer.LookUpAsync(connection, null, system, rows.Cast<CustomerImportRow>().ToList(), cancellationToken);

    public Task<ImportBatchResult> WriteAsync(
        DbConnection connection, DbTransaction transaction, string system, bool liveEffects, IReadOnlyList<object> rows, IBatchLookUp lookUp, CancellationToken cancellationToken) =>
        importer.WriteAsync(connection, transaction, system, rows.Cast<CustomerImportRow>().ToList(), (CustomerLookUp)lookUp, cancellationToken);
}
