using MailKit;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// Counts the message bytes MailKit has handed to the connection. MailKit does not say at which step a lost connection
/// broke, and the difference decides exactly-once: until every byte of the message has been written, the final dot
/// cannot have left, the server cannot have the message, and the letter may be sent again. From then on it may have
/// it. Dot-stuffing can only add bytes, so the count reaches the measured size no later than the last byte.
/// </summary>
internal sealed class DataProgress(ServerReplyGuard guard, Func<bool> serverSpoke, Action? afterLastByte) : ITransferProgress
{
    private long _size = -1;

    /// <summary>Some of the message has been written (the server has said 354, or BDAT has begun).</summary>
    public bool Started { get; private set; }

    /// <summary>Every byte of the message has been written; from here the server may have it.</summary>
    public bool Complete { get; private set; }

    public void Report(long bytesTransferred, long totalSize)
    {
        _size = totalSize;
        Report(bytesTransferred);
    }

    public void Report(long bytesTransferred)
    {
        Started = true;
        // MailKit reads nothing while it writes, so a reply sent meanwhile waits in the socket: look there too.
        if (guard.RepliedBeforeMessage || serverSpoke())
        {
            // Thrown before the last byte and the final dot: the server cannot have this message, and the session is
            // out of step, so it is dropped and the letter may go again on a new one.
            throw new HostileServerException("the server replied before the message was sent");
        }

        if (!Complete && _size >= 0 && bytesTransferred >= _size)
        {
            Complete = true;
            guard.MessageWritten();
            // The next letter's intent is committed meanwhile: it still precedes that letter's own first byte.
            afterLastByte?.Invoke();
        }
    }
}
