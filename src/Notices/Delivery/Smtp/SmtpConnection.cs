using Notices.Delivery.Smtp.Transport;

namespace Notices.Delivery.Smtp;

/// <summary>
/// One worker's <see cref="SmtpTransport"/>. The connection stays open between messages; the transport sends RSET
/// after an error reply, and closes the connection after a lost one (the next message opens a new one).
/// </summary>
internal sealed class SmtpConnection(SmtpSettings settings) : IDisposable
{
    public SmtpTransport Transport { get; } = new(new SmtpTransportOptions
    {
        Host = settings.Server.Host,
        Port = settings.Server.Port,
        RequireStartTls = settings.UseStartTls,
        TrustedRoots = settings.TrustedRoots,
        Login = settings.Login,
        Timeout = settings.Timeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : settings.Timeout,
    });

    /// <summary>Sends QUIT and closes.</summary>
    public void Dispose() => Transport.Dispose();
}
