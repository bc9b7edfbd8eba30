using System.Globalization;
using System.Net;

namespace Notices.Delivery.Smtp;

/// <summary>An SMTP server given as <c>smtp://host:port</c> (port 25 when left out).</summary>
public sealed record SmtpServerAddress(string Host, int Port)
{
    public const int DefaultPort = 25;

    /// <summary>127.0.0.0/8, ::1 or localhost: traffic that never leaves the machine, so plain SMTP is acceptable.</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}"
        : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <exception cref="FormatException">The text is not an smtp:// URL this client can use; the message says why.</exception>
    public static SmtpServerAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            throw new FormatException($"'{text}' is not a URL; write smtp://host:port, e.g. smtp://127.0.0.1:25.");
        }

        if (string.Equals(uri.Scheme, "smtps", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException(
                "smtps:// (implicit TLS, port 465) is not supported; use smtp://host:587, which upgrades with STARTTLS.");
        }

        if (!string.Equals(uri.Scheme, "smtp", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"'{text}' must start with smtp://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new FormatException(
                "Do not put credentials in the URL; set NOTICES_SMTP_USER and NOTICES_SMTP_PASSWORD instead.");
        }

        if (uri.AbsolutePath.Length > 1 || uri.Query.Length > 0)
        {
            throw new FormatException($"'{text}' has a path or query; write only smtp://host:port.");
        }

        var host = uri.Host.Trim('[', ']');
        var port = uri.Port > 0 ? uri.Port : DefaultPort;
        return new SmtpServerAddress(host, port);
    }
}
