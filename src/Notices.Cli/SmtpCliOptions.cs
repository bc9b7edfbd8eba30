using System.CommandLine;
using Notices.Delivery.Smtp;

namespace Notices.Cli;

/// <summary>The SMTP options of <c>send</c> and <c>remind</c> (the same channels, the same options).</summary>
public sealed class SmtpCliOptions
{
    private readonly Option<string?> _smtp = new("--smtp")
    {
        Description = "Send email through this SMTP server, smtp://host:port (port 25 if left out). STARTTLS is required "
            + "unless the host is loopback or --smtp-insecure is given. Credentials come from NOTICES_SMTP_USER with "
            + "NOTICES_SMTP_PASSWORD (AUTH PLAIN/LOGIN) or NOTICES_SMTP_OAUTH2_TOKEN_FILE (AUTH XOAUTH2). Without --smtp, email letters are written as .eml files to out/<campaign>/email/.",
    };

    private readonly Option<string?> _ca = new("--smtp-ca") { Description = "Also trust this CA certificate (PEM file) for the SMTP server's STARTTLS certificate, e.g. a private CA." };

    private readonly Option<bool> _startTls = new("--smtp-starttls")
    {
        Description = "Require STARTTLS with a trusted certificate also for a loopback server (e.g. a local relay that has TLS); otherwise the run is refused.",
    };

    private readonly Option<bool> _insecure = new("--smtp-insecure") { Description = "Allow plain SMTP without STARTTLS to a host that is not loopback." };

    private readonly Option<int> _connections = new("--connections")
    {
        Description = "Parallel SMTP connections.",
        DefaultValueFactory = _ => 16,
    };

    private readonly Option<double> _maxRate = new("--max-rate") { Description = "Most messages per second over all connections; 0 = no limit.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _timeout = new("--smtp-timeout") { Description = "Seconds one SMTP operation may take before it counts as a temporary failure.", DefaultValueFactory = _ => 30 };
    private readonly Option<int> _attempts = new("--smtp-attempts") { Description = "Tries per letter for temporary failures (4xx, connection lost, timeout), with exponential backoff.", DefaultValueFactory = _ => 4 };
    private readonly Option<bool> _noFallback = new("--no-print-fallback") { Description = "After a permanent SMTP failure (5xx), leave the letter failed instead of sending it to the print batch." };

    public IEnumerable<Option> All => [_smtp, _ca, _startTls, _insecure, _connections, _maxRate, _timeout, _attempts, _noFallback];

    /// <summary>The settings, or null without --smtp (pickup directory).</summary>
    public SmtpSettings? Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(_smtp) is { } url
            ? SmtpOptionsReader.Read(url, parse.GetValue(_insecure), parse.GetValue(_connections), parse.GetValue(_maxRate),
                parse.GetValue(_timeout), parse.GetValue(_attempts), !parse.GetValue(_noFallback), parse.GetValue(_ca),
                parse.GetValue(_startTls))
            : null;
    }
}
