using System.Globalization;
using System.Text;

namespace JewelHub.Bench.Imports;

/// <summary>Writes a legacy-pos customers CSV of distinct people, generated at run time.</summary>
internal static class CustomerFile
{
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
}
