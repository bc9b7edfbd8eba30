namespace Notices.Records;

/// <summary>The yes/no values of the CSV contract: ja/nej, yes/no, true/false, 1/0 (any case); empty means no.</summary>
public static class CsvBool
{
    private static readonly string[] _trueValues = ["ja", "yes", "true", "1"];
    private static readonly string[] _falseValues = ["nej", "no", "false", "0"];

    /// <summary>Parses <paramref name="value"/>; false for any other text, with <paramref name="result"/> false.</summary>
    public static bool TryParse(string? value, out bool result)
    {
        result = false;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return true;
        }

        foreach (var candidate in _trueValues)
        {
            if (string.Equals(text, candidate, StringComparison.OrdinalIgnoreCase))
            {
                result = true;
                return true;
            }
        }

        foreach (var candidate in _falseValues)
        {
            if (string.Equals(text, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
