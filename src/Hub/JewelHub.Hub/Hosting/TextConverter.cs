using System.Text.Json;
using System.Text.Json.Serialization;

namespace JewelHub.Hub.Hosting;

/// <summary>
/// Reads every JSON string of a request and refuses the NUL character (U+0000), which PostgreSQL cannot store in text
/// and no JewelHub value needs, so that such a value is a 400 naming its field rather than a failed write.
/// </summary>
internal sealed class TextConverter : JsonConverter<string>
{
    public const string NoNul = "must not contain the NUL character (\\u0000)";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("must be a string");
        }

        var text = reader.GetString()!;
        return text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(NoNul) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
