namespace Notices.Delivery.Smtp.Transport;

/// <summary>The server broke the protocol in a way that makes the session unsafe (see <see cref="ServerReplyGuard"/>).</summary>
public sealed class HostileServerException : IOException
{
    public HostileServerException()
        : base("the server broke the SMTP protocol")
    {
    }

    public HostileServerException(string message)
        : base(message)
    {
    }

    public HostileServerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
