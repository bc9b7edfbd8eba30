using System.Security.Cryptography.X509Certificates;

namespace Notices.Delivery.Smtp;

/// <summary>How to reach the SMTP server and how politely to use it. Sender identity comes from the notice instead.</summary>
public sealed record SmtpSettings
{
    public required SmtpServerAddress Server { get; init; }

    /// <summary>Require STARTTLS: on means the server must offer it (no opportunistic TLS).</summary>
    public bool UseStartTls { get; init; } = true;

    /// <summary>A private CA to trust for the server certificate (<c>--smtp-ca FILE</c>); null: the system's roots only.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>From the environment (<see cref="SmtpLogin.FromEnvironment"/>); null sends without AUTH.</summary>
    public SmtpLogin? Login { get; init; }

    /// <summary>Parallel connections, one transport each.</summary>
    public int Connections { get; init; } = 16;

    /// <summary>Most messages per second over all connections; 0 means no limit.</summary>
    public double MaxMessagesPerSecond { get; init; }

    /// <summary>How long one SMTP operation may take before it counts as a temporary failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per letter for temporary failures (4xx, refused or lost connection, timeout), first try included.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; it doubles (with jitter) for each further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After a permanent failure (5xx) the letter goes to the print batch, when it has a postal address.</summary>
    public bool PrintFallback { get; init; } = true;

    /// <summary>Ask for delivery status notifications (RCPT … NOTIFY=SUCCESS,FAILURE). Always on for a campaign (the
    /// reports prove delivery); the benchmark turns it off to compare like for like with smtp-source.</summary>
    public bool RequestDsn { get; init; } = true;
}
