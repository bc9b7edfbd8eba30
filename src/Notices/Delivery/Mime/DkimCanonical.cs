using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>DKIM relaxed canonicalisation (RFC 6376 §3.4.2 and §3.4.4) of headers and of a body held in memory.</summary>
public static class DkimCanonical
{
    /// <summary>"name:value" with the name lower-cased, unfolded, white space runs as one space, none around the colon
    /// or at the end; no CRLF.</summary>
    public static string RelaxedHeader(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        var name = field[..colon].TrimEnd(' ', '\t').ToLowerInvariant();
        var value = field[(colon + 1)..].Replace("\r\n", "", StringComparison.Ordinal);
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (c is ' ' or '\t')
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return name + ":" + sb;
    }

    /// <summary>The relaxed canonical form of a whole body (for tests and small bodies).</summary>
    public static byte[] RelaxedBodyHash(ReadOnlySpan<byte> body)
    {
        using var hash = new RelaxedBodyHash();
        hash.Write(body);
        return hash.Finish();
    }
}
