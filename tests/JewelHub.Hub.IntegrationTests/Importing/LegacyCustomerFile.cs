using System.Globalization;
using System.Text;

namespace JewelHub.Hub.IntegrationTests.Importing;

/// <summary>
/// Generates legacy-pos customer CSV files at test time (never committed). <see cref="Messy"/> mixes date and phone
/// formats, repeats people under other ids, and breaks some rows, with every outcome known by construction.
/// </summary>
internal static class LegacyCustomerFile
{
    public const string Header = "CustNo,Name,Mobile,Email,DOB,Anniversary,SMS,EmailOK,City,Created";

    public const int Unique = 8000;
    public const int MergedByPhone = 500;
    public const int MergedByEmail = 500;
    public const int SameIdOtherSpelling = 500;
    public const int BadPhone = 100;
    public const int MissingName = 100;
    public const int BadDate = 100;
    public const int WrongFieldCount = 100;
    public const int BadEmail = 100;

    /// <summary>A 10,000-row messy file; returns its path.</summary>
    public static string Messy(string folder)
    {
        var path = Path.Combine(folder, "customers-messy.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(Header + "\n");
        for (var i = 0; i < Unique; i++)
        {
            writer.Write(Row(i, $"C-{i:D5}") + "\n");
        }

        for (var j = 0; j < MergedByPhone; j++)
        {
            var i = j * 8;
            writer.Write($"L{j},{Name(i)},+91 {Phone(i)[..5]} {Phone(i)[5..]},,,,,,,\n");
        }

        for (var j = 0; j < MergedByEmail; j++)
        {
            var i = j * 8 + 2;
            writer.Write($"W-{j},{Name(i)},,{Email(i)!.ToUpperInvariant()},,,,,,\n");
        }

        for (var j = 0; j < SameIdOtherSpelling; j++)
        {
            var i = j * 9 + 1;
            writer.Write(Row(i, i.ToString(CultureInfo.InvariantCulture)) + "\n");
        }

        for (var j = 0; j < 100; j++)
        {
            writer.Write($"B-{j},Bad Phone {j},12345,,,,,,,\n");
            writer.Write($"N-{j},,98{j:D8},,,,,,,\n");
            writer.Write($"D-{j},Bad Date {j},97{j:D8},,31/02/1990,,,,,\n");
            writer.Write($"F-{j},Too Few Fields\n");
            writer.Write($"E-{j},Bad Email {j},,x{j}@,,,,,,\n");
        }

        return path;
    }

    /// <summary>A clean file of <paramref name="rows"/> distinct customers (for the large resume test).</summary>
    public static string Clean(string folder, int rows)
    {
        var path = Path.Combine(folder, $"customers-{rows}.csv");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header + "\n");
        for (var i = 0; i < rows; i++)
        {
            writer.Write(Row(i, $"C-{i:D7}"));
            writer.Write('\n');
        }

        return path;
    }

    private static string Row(int i, string id)
    {
        var phone = Phone(i);
        var mobile = (i % 4) switch
        {
            0 => phone,
            1 => "0" + phone[..5] + "-" + phone[5..],
            2 => "+91" + phone,
            _ => "91 " + phone,
        };
        var dob = new DateOnly(1950, 1, 1).AddDays(i * 7 % 20000);
        var birthday = (i % 4) switch
        {
            0 => dob.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            1 => dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            2 => (dob.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture),
            _ => dob.ToString("d-MMM-yyyy", CultureInfo.InvariantCulture),
        };
        return $"{id},{Name(i)},{mobile},{Email(i)},{birthday},,{(i % 3 == 0 ? "Y" : "N")},{(i % 5 == 0 ? "yes" : "")},Mumbai,15/08/2019";
    }

    private static string Name(int i) => $"Customer {i}";

    private static string Phone(int i) => (9000000000L + i).ToString(CultureInfo.InvariantCulture);

    private static string? Email(int i) => i % 2 == 0 ? $"customer{i}@example.in" : null;
}
