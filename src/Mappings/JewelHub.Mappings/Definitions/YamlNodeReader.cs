using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace JewelHub.Mappings.Definitions;

/// <summary>Reads YAML into <see cref="MapNode"/>s; YamlDotNet's marks give each node's line.</summary>
internal static class YamlNodeReader
{
    public static MapNode Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new MapSyntaxException((int)exception.Start.Line, exception.Message);
        }

        if (stream.Documents.Count == 0)
        {
            throw new MapSyntaxException(1, "the file is empty");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static MapNode Convert(YamlNode node)
    {
        var line = (int)node.Start.Line;
        return node switch
        {
            YamlMappingNode mapping => new ObjectNode(line, mapping.Children
                .Select(pair => new PropertyNode(((YamlScalarNode)pair.Key).Value ?? "", (int)pair.Key.Start.Line, Convert(pair.Value)))
                .ToList()),
            YamlSequenceNode sequence => new ArrayNode(line, sequence.Children.Select(Convert).ToList()),
            YamlScalarNode scalar => Scalar(line, scalar),
            _ => throw new MapSyntaxException(line, "aliases are not supported in maps"),
        };
    }

    private static ScalarNode Scalar(int line, YamlScalarNode scalar)
    {
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        if (!quoted && scalar.Value is null or "~" or "null" or "")
        {
            return new ScalarNode(line, null, IsString: false);
        }

        var plainNonString = !quoted && (scalar.Value is "true" or "false" || decimal.TryParse(scalar.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        return new ScalarNode(line, scalar.Value, IsString: !plainNonString);
    }
}
