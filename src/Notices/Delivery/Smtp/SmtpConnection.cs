using System.Net.Mail;

namespace Notices.Delivery.Smtp;

/// <summary>
/// One worker's <see cref="SmtpClient"/>. The client keeps its connection open between messages; after any failure it
/// is thrown away and a new one is made, because the session state after an error is unknown.
/// </summary>
internal sealed class SmtpConnection(SmtpSettings settings) : IDisposable
{
    private SmtpClient? _client;

    public SmtpClient Client => _client ??= Create(settings);

    public void Reset()
    {
        var client = _client;
        _client = null;
        try
        {
            client?.Dispose();
        }
        catch (Exception ex) when (ex is SmtpException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Dispose sends QUIT on a connection that may already be gone.
        }
    }

    public void Dispose() => Reset();

    private static SmtpClient Create(SmtpSettings settings)
    {
        var client = new SmtpClient(settings.Server.Host, settings.Server.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.UseStartTls,
            Timeout = (int)Math.Clamp(settings.Timeout.TotalMilliseconds, 1000, int.MaxValue),
            UseDefaultCredentials = false,
        };
        if (settings.Credentials is not null)
        {
            client.Credentials = settings.Credentials;
        }

        return client;
    }
}
