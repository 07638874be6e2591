using System.Text;
using System.Text.Json;

namespace JewelHub.Mappings.Definitions;

/// <summary>Reads JSON into <see cref="MapNode"/>s, counting lines as it goes (comments and trailing commas are allowed).</summary>
internal static class JsonNodeReader
{
    public static MapNode Read(byte[] utf8)
    {
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        try
        {
            if (!reader.Read())
            {
                throw new MapSyntaxException(1, "the file is empty");
            }

            return ReadValue(ref reader, lineStarts);
        }
        catch (JsonException exception)
        {
            throw new MapSyntaxException((int)(exception.LineNumber ?? 0) + 1, exception.Message);
        }
    }

    private static MapNode ReadValue(ref Utf8JsonReader reader, List<long> lineStarts)
    {
        var line = LineOf(lineStarts, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<PropertyNode>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var nameLine = LineOf(lineStarts, reader.TokenStartIndex);
                    reader.Read();
                    properties.Add(new PropertyNode(name, nameLine, ReadValue(ref reader, lineStarts)));
                }

                return new ObjectNode(line, properties);
            case JsonTokenType.StartArray:
                var items = new List<MapNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lineStarts));
                }

                return new ArrayNode(line, items);
            case JsonTokenType.String:
                return new ScalarNode(line, reader.GetString(), IsString: true);
            case JsonTokenType.Null:
                return new ScalarNode(line, null, IsString: false);
            default:
                return new ScalarNode(line, Encoding.UTF8.GetString(reader.ValueSpan), IsString: false);
        }
    }

    private static List<long> LineStarts(byte[] utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
