using System.Net.Sockets;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// The connection's socket stream with a 64 KB write buffer. MailKit writes a message in 4 KB blocks, each a send
/// system call of its own (30 per letter); here they leave in two. Anything buffered is written before every read, so
/// a command (or a TLS handshake record) is never left waiting while its answer is awaited. Still a
/// <see cref="NetworkStream"/>, so MailKit polls the socket and a cancelled send does not wait for the timeout.
/// </summary>
internal sealed class BufferedNetworkStream(Socket socket) : NetworkStream(socket, ownsSocket: true)
{
    private const int Capacity = 64 * 1024;
    private readonly byte[] _buffer = new byte[Capacity];
    private int _count;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_count + buffer.Length > Capacity)
        {
            Drain();
            if (buffer.Length >= Capacity)
            {
                var large = buffer.ToArray();
                base.Write(large, 0, large.Length);
                return;
            }
        }

        buffer.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
        Drain();
        base.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    // Only NetworkStream's array overloads are used underneath: its span overloads may come back through these.
    public override int Read(byte[] buffer, int offset, int count)
    {
        Drain();
        return base.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        var array = new byte[buffer.Length];
        var read = Read(array, 0, array.Length);
        array.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override int ReadByte()
    {
        var one = new byte[1];
        return Read(one, 0, 1) == 1 ? one[0] : -1;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Drain();
        return base.ReadAsync(buffer, offset, count, cancellationToken);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var array = new byte[buffer.Length];
        var read = await ReadAsync(array, 0, array.Length, cancellationToken).ConfigureAwait(false);
        array.AsSpan(0, read).CopyTo(buffer.Span);
        return read;
    }

    private void Drain()
    {
        if (_count > 0)
        {
            var count = _count;
            _count = 0;
            base.Write(_buffer, 0, count);
        }
    }
}
