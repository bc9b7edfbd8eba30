using System.Text;

namespace Notices.Confirmations;

/// <summary>
/// A header block, unfolded (a line starting with space or tab continues the previous field). Names compare
/// case-insensitively; a name may occur several times (Received, Delivered-To). Values are kept as written:
/// RFC 2047 encoded words are not decoded, since nothing here matches on them.
/// </summary>
public sealed class MimeHeaders
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private MimeHeaders(List<KeyValuePair<string, string>> fields) => _fields = fields;

    public static MimeHeaders Empty { get; } = new([]);

    /// <summary>Every field in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>The first field of that name, trimmed, or null.</summary>
    public string? this[string name] =>
        _fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<string> All(string name) =>
        _fields.Where(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>Parses header lines (no blank line inside). Lines without a colon that do not continue a field are dropped.</summary>
    public static MimeHeaders Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var fields = new List<KeyValuePair<string, string>>();
        string? name = null;
        var value = new StringBuilder();
        foreach (var line in lines)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (name is not null)
                {
                    // Unfolding removes only the line break; the leading white space stays as the separator.
                    value.Append(' ').Append(line.AsSpan().Trim());
                }

                continue;
            }

            Add(fields, name, value);
            name = null;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            name = line[..colon].Trim();
            value.Clear().Append(line.AsSpan(colon + 1).Trim());
        }

        Add(fields, name, value);
        return new MimeHeaders(fields);
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string? name, StringBuilder value)
    {
        if (!string.IsNullOrEmpty(name))
        {
            fields.Add(new KeyValuePair<string, string>(name, MimeText.FromRawHeader(value.ToString().Trim())));
        }

        value.Clear();
    }
}
