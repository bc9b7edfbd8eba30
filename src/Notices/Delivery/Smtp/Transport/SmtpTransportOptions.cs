using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>How one <see cref="SmtpTransport"/> reaches its server.</summary>
public sealed record SmtpTransportOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>Upgrade with STARTTLS after EHLO; a server that does not offer or refuses it is an error.</summary>
    public bool RequireStartTls { get; init; } = true;

    /// <summary>Extra trusted roots (a private CA) for the server certificate, besides the system's.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>AUTH PLAIN, LOGIN or XOAUTH2 after STARTTLS; never sent over plain text.</summary>
    public SmtpLogin? Login { get; init; }

    /// <summary>Connect, and each read or write on the connection.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The name in EHLO/HELO.</summary>
    public string ClientName { get; init; } = DefaultClientName();

    private static string DefaultClientName()
    {
        var name = Dns.GetHostName();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? name : "[127.0.0.1]";
    }
}
