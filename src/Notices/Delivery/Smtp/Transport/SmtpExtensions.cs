using System.Globalization;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>What the server offered in its EHLO reply (a HELO server offers nothing).</summary>
public sealed record SmtpExtensions
{
    public static SmtpExtensions None { get; } = new();

    public bool Pipelining { get; init; }

    /// <summary>The SIZE limit in bytes; null when SIZE is not offered, 0 when offered without a limit.</summary>
    public long? MaxSize { get; init; }

    public bool EightBitMime { get; init; }

    public bool SmtpUtf8 { get; init; }

    public bool Dsn { get; init; }

    public bool StartTls { get; init; }

    public IReadOnlySet<string> AuthMechanisms { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the keyword lines of an EHLO reply (the first line is the server's name).</summary>
    public static SmtpExtensions Parse(SmtpReply ehlo)
    {
        ArgumentNullException.ThrowIfNull(ehlo);
        var result = new SmtpExtensions();
        var auth = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in ehlo.Lines.Skip(1))
        {
            var parts = line.Split([' ', '='], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            switch (parts[0].ToUpperInvariant())
            {
                case "PIPELINING":
                    result = result with { Pipelining = true };
                    break;
                case "SIZE":
                    var limit = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                    result = result with { MaxSize = limit };
                    break;
                case "8BITMIME":
                    result = result with { EightBitMime = true };
                    break;
                case "SMTPUTF8":
                    result = result with { SmtpUtf8 = true };
                    break;
                case "DSN":
                    result = result with { Dsn = true };
                    break;
                case "STARTTLS":
                    result = result with { StartTls = true };
                    break;
                case "AUTH":
                    auth.UnionWith(parts.Skip(1));
                    break;
            }
        }

        return result with { AuthMechanisms = auth };
    }
}
