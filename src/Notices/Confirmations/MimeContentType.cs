namespace Notices.Confirmations;

/// <summary>A parsed Content-Type: lower-case media type plus parameters (names case-insensitive, quotes removed).</summary>
public sealed class MimeContentType
{
    private MimeContentType(string mediaType, IReadOnlyDictionary<string, string> parameters)
    {
        MediaType = mediaType;
        Parameters = parameters;
    }

    /// <summary>RFC 2045: a part without Content-Type is text/plain (inside multipart/digest message/rfc822, ignored here).</summary>
    public static MimeContentType Default { get; } = Parse(null);

    /// <summary>e.g. multipart/report.</summary>
    public string MediaType { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public bool IsMultipart => MediaType.StartsWith("multipart/", StringComparison.Ordinal);

    public string? Boundary => Parameters.GetValueOrDefault("boundary");

    public string? Charset => Parameters.GetValueOrDefault("charset");

    public bool Is(string mediaType) => string.Equals(MediaType, mediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Tolerant: a missing or broken value gives text/plain; a broken parameter is skipped.</summary>
    public static MimeContentType Parse(string? value)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(value))
        {
            return new MimeContentType("text/plain", parameters);
        }

        var segments = SplitParameters(value);
        var mediaType = segments[0].Trim().ToLowerInvariant();
        if (!mediaType.Contains('/', StringComparison.Ordinal))
        {
            mediaType = "text/plain";
        }

        foreach (var segment in segments.Skip(1))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = segment[..eq].Trim();
            var paramValue = segment[(eq + 1)..].Trim();
            if (paramValue.Length >= 2 && paramValue[0] == '"' && paramValue[^1] == '"')
            {
                paramValue = paramValue[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            parameters.TryAdd(name, paramValue);
        }

        return new MimeContentType(mediaType, parameters);
    }

    /// <summary>Splits on ';' outside double quotes (a boundary may contain ';').</summary>
    private static List<string> SplitParameters(string value)
    {
        var segments = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ';' && !quoted)
            {
                segments.Add(value[start..i]);
                start = i + 1;
            }
        }

        segments.Add(value[start..]);
        return segments;
    }
}
