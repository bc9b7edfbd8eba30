using System.Text.Encodings.Web;
using System.Text.Json;

namespace Notices.Ledger;

/// <summary>Compact JSON for <see cref="LedgerEntry.Detail"/>: keys sorted ordinally so equal details hash equally.</summary>
public static class LedgerDetail
{
    public const string Empty = "{}";

    // Relaxed escaping keeps æøå readable in the store; the text is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToJson(IReadOnlyDictionary<string, string>? detail)
    {
        if (detail is null || detail.Count == 0)
        {
            return Empty;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var pair in detail.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a detail object back; non-string values are kept as their JSON text. Bad JSON gives an empty map.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString() ?? ""
                    : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            // An edited or damaged row: the verifier reports it; projection treats it as having no detail.
        }

        return result;
    }
}
