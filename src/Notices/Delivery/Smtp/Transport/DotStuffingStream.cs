namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// The DATA stream handed to the message writer: doubles a '.' that starts a line (RFC 5321 4.5.2) and writes into
/// the session's buffer, so nothing reaches the socket before <see cref="FinishAsync"/> flushes the tail and the final
/// dot together. Each write restarts the write timeout.
/// </summary>
internal sealed class DotStuffingStream(Stream inner, Action onProgress) : Stream
{
    private static readonly byte[] Dot = [(byte)'.'];
    private bool _atLineStart = true;
    private byte _last = (byte)'\n';
    private byte _beforeLast = (byte)'\r';

    public long Written { get; private set; }

    /// <summary>A write to the connection failed (as opposed to the message writer failing, e.g. its PDF vanished).</summary>
    public bool ConnectionFailed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        onProgress();
        var dots = FindLineStartDots(buffer.Span);
        var start = 0;
        try
        {
            foreach (var dot in dots)
            {
                await inner.WriteAsync(buffer[start..dot], cancellationToken).ConfigureAwait(false);
                await inner.WriteAsync(Dot, cancellationToken).ConfigureAwait(false);
                start = dot; // the '.' itself goes with the next segment
            }

            await inner.WriteAsync(buffer[start..], cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ConnectionFailed = true;
            throw;
        }

        Written += buffer.Length;
        if (buffer.Length > 0)
        {
            _beforeLast = buffer.Length > 1 ? buffer.Span[^2] : _last;
            _last = buffer.Span[^1];
        }
    }

    /// <summary>
    /// Where a '.' starts a line, also across writes; jumps from line end to line end. A bare LF counts as a line end
    /// too (as MailKit does): servers such as Postfix accept it, and "\n.\n" must never end the data early.
    /// </summary>
    private List<int> FindLineStartDots(ReadOnlySpan<byte> span)
    {
        var dots = new List<int>(0);
        var i = 0;
        while (i < span.Length)
        {
            if (_atLineStart && span[i] == '.')
            {
                dots.Add(i);
            }

            var newline = span[i..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                _atLineStart = false;
                break;
            }

            _atLineStart = true;
            i += newline + 1;
        }

        return dots;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Ends the message: CRLF unless it already ends with CRLF, then ".\r\n", then one flush.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        var end = _beforeLast == '\r' && _last == '\n' ? ".\r\n"u8.ToArray() : "\r\n.\r\n"u8.ToArray();
        await inner.WriteAsync(end, cancellationToken).ConfigureAwait(false);
        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // The writer's flushes must not push a part of the message out early (the point of one write per message end).
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
