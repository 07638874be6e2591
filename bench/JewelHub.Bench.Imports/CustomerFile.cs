using System.Globalization;
using System.Text;
using JewelHub.Stores.Importing.Customers;

namespace JewelHub.Bench.Imports;

/// <summary>Writes a legacy-pos customers CSV of distinct people, generated at run time, and gives each row as the import writes it.</summary>
internal static class CustomerFile
{
    public const string System = "legacy-pos";

    public static string Write(string folder, int rows)
    {
        var path = Path.Combine(folder, "customers.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("CustNo,Name,Mobile,Email,DOB,Anniversary,SMS,EmailOK,City,Created\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"C-{i:D7},Customer {i},{9000000000L + i},{(i % 2 == 0 ? $"customer{i}@example.in" : "")},01/02/1980,,Y,,Mumbai,15/08/2019\n"));
        }

        return path;
    }

    /// <summary>
    /// Customer <paramref name="i"/> as <c>legacy-pos.customer.in</c> and the customer import turn it into store rows: the
    /// legacy id without prefix and zeros, the derived customer id, the E.164 phone, the e-mail, 1 February 1980, SMS yes.
    /// </summary>
    public static MappedCustomer Mapped(int i)
    {
        var externalId = i.ToString(CultureInfo.InvariantCulture);
        return new MappedCustomer(
            CustomerImporter.NewCustomerId(System, externalId),
            externalId,
            string.Create(CultureInfo.InvariantCulture, $"Customer {i}"),
            string.Create(CultureInfo.InvariantCulture, $"+91{9000000000L + i}"),
            i % 2 == 0 ? string.Create(CultureInfo.InvariantCulture, $"customer{i}@example.in") : null,
            new DateOnly(1980, 2, 1),
            null,
            SmsOptIn: true,
            EmailOptIn: false,
            City: "Mumbai")
        {
            PrintedId = string.Create(CultureInfo.InvariantCulture, $"C-{i:D7}"),
        };
    }
}

/// <summary>One customer row and its reference, exactly as the import writes them.</summary>
internal sealed record MappedCustomer(
    string Id, string ExternalId, string Name, string? Phone, string? Email, DateOnly? Birthday, DateOnly? Anniversary, bool SmsOptIn, bool EmailOptIn, string City)
{
    /// <summary>The legacy id as the file prints it.</summary>
    public string PrintedId { get; init; } = "";
}
