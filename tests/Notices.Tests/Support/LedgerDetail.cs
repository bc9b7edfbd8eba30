using System.Text.Json;

namespace Notices.Tests.Support;

/// <summary>Reads a ledger row's detail JSON as an auditor with sqlite3 sees it: name → value text (no typing).</summary>
public static class LedgerDetail
{
    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString() ?? ""
                : property.Value.GetRawText();
        }

        return result;
    }
}
