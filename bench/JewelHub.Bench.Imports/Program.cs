using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using JewelHub.Mappings.Evaluation;
using JewelHub.Mappings.Loading;

var file = args[0];
var catalog = MapCatalog.Load(new MapOptions());
catalog.TryGet("legacy-pos.customer.in", out var map);
var watch = Stopwatch.StartNew();
using var reader = new CsvReader(new StreamReader(file), CultureInfo.InvariantCulture);
reader.Read();
reader.ReadHeader();
var record = new CsvRecord(reader.HeaderRecord!);
long rows = 0;
long readOnly = 0;
while (reader.Read())
{
    rows++;
    if (args.Length > 1)
    {
        readOnly += reader.Parser.Record!.Length;
        continue;
    }

    map.Apply(record.SetRow(reader.Parser.Record!));
}

Console.WriteLine($"{rows} rows in {watch.Elapsed.TotalSeconds:N2} s = {rows / watch.Elapsed.TotalSeconds:N0} rows/s");
