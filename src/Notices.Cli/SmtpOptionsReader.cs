using Notices.Delivery.Smtp;

namespace Notices.Cli;

/// <summary>Turns the send command's SMTP options and environment into <see cref="SmtpSettings"/>, or a usage error.</summary>
public static class SmtpOptionsReader
{
    public static SmtpSettings Read(string url, bool insecure, int connections, double maxRate, int timeoutSeconds, int attempts, bool printFallback, string? caFile = null, bool requireStartTls = false)
    {
        SmtpServerAddress server;
        try
        {
            server = SmtpServerAddress.Parse(url);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--smtp: " + ex.Message);
        }

        if (connections is < 1 or > 200)
        {
            throw new UsageException("--connections must be between 1 and 200.");
        }

        if (maxRate < 0 || double.IsNaN(maxRate) || double.IsInfinity(maxRate))
        {
            throw new UsageException("--max-rate must be 0 (no limit) or a positive number of messages per second.");
        }

        if (timeoutSeconds < 1)
        {
            throw new UsageException("--smtp-timeout must be at least 1 second.");
        }

        if (attempts < 1)
        {
            throw new UsageException("--smtp-attempts must be at least 1.");
        }

        SmtpLogin? credentials;
        try
        {
            credentials = SmtpLogin.FromEnvironment();
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException(ex.Message);
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2Collection? roots = null;
        if (caFile is not null)
        {
            try
            {
                roots = Notices.Delivery.Smtp.Transport.SmtpTransportCa.Load(caFile);
            }
            catch (InvalidOperationException ex)
            {
                throw new UsageException("--smtp-ca: " + ex.Message);
            }
        }

        // Loopback traffic never leaves the machine; anything else needs STARTTLS unless the user says otherwise.
        // Credentials go only over TLS, so they switch STARTTLS on even for loopback; so does a CA given on purpose.
        var startTls = (!server.IsLoopback && !insecure) || credentials is not null || roots is not null || requireStartTls;
        if (requireStartTls && insecure)
        {
            throw new UsageException("--smtp-starttls and --smtp-insecure contradict each other; give one.");
        }
        if (credentials is not null && insecure && !server.IsLoopback)
        {
            throw new UsageException("Refusing to send SMTP credentials without TLS to " + server + "; drop --smtp-insecure or unset NOTICES_SMTP_USER.");
        }

        return new SmtpSettings
        {
            Server = server,
            UseStartTls = startTls,
            TrustedRoots = roots,
            Login = credentials,
            Connections = connections,
            MaxMessagesPerSecond = maxRate,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            MaxAttempts = attempts,
            PrintFallback = printFallback,
        };
    }
}
