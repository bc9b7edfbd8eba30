using System.Text.Json;
using System.Text.Json.Serialization;
using Notices.Campaigns;

namespace Notices.Runs;

/// <summary>Serialises the data a letter was made from into the letter record, and back.</summary>
public static class LetterSnapshot
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string ToJson(PlannedLetter letter) => JsonSerializer.Serialize(letter, Options);

    public static PlannedLetter FromJson(string json) =>
        JsonSerializer.Deserialize<PlannedLetter>(json, Options)
        ?? throw new InvalidOperationException("A stored letter snapshot is empty.");

    /// <summary>The stored letter, or null when its snapshot cannot be read (a damaged row fails its own letter).</summary>
    public static PlannedLetter? TryFromJson(string json)
    {
        try
        {
            return FromJson(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or NotSupportedException or NullReferenceException)
        {
            return null;
        }
    }
}
