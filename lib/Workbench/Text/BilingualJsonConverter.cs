using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Text;

/// <summary>
/// Reads a <see cref="Bilingual"/> written as <c>{"en": "...", "nl": "..."}</c> or, as data dictionaries written before
/// labels had two languages, as a plain string (the same text in both, e.g. a name); writes the object form.
/// </summary>
public sealed class BilingualJsonConverter : JsonConverter<Bilingual>
{
    /// <inheritdoc />
    public override Bilingual Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return Bilingual.Same(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"expected a text: {{ \"en\": \"...\", \"nl\": \"...\" }} or a string, not {reader.TokenType}.");
        string? en = null, nl = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.Null ? null
                : reader.TokenType == JsonTokenType.String ? reader.GetString()
                : throw new JsonException($"'{name}' must be a string, not {reader.TokenType}.");
            if (name == "en") en = value;
            else if (name == "nl") nl = value;
            else throw new JsonException($"unknown member '{name}' in a text; give only \"en\" and \"nl\".");
        }
        // a missing language stays null, so the dictionary check can name it ("the Dutch label is empty")
        return new Bilingual(en!, nl!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Bilingual value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("en", value.En);
        writer.WriteString("nl", value.Nl);
        writer.WriteEndObject();
    }
}
