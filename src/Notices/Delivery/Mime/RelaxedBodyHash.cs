using System.Security.Cryptography;

namespace Notices.Delivery.Mime;

/// <summary>
/// A write-only stream that canonicalises what is written to it with DKIM's relaxed body algorithm (RFC 6376 §3.4.4)
/// and hashes the result with SHA-256, so the body hash of a message with a large PDF needs no buffer for the body.
/// </summary>
public sealed class RelaxedBodyHash : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _out = new byte[8192];
    private int _outLength;
    private bool _pendingSpace;
    private int _pendingLineBreaks;
    private bool _pendingCr;
    private bool _anyContent;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        foreach (var b in buffer)
        {
            Take(b);
        }
    }

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

    /// <summary>The SHA-256 of the canonical body. Ends the stream: trailing empty lines are dropped, a last line without CRLF gets one.</summary>
    public byte[] Finish()
    {
        if (_pendingCr)
        {
            _pendingCr = false;
            Emit((byte)'\r');
        }

        if (_anyContent)
        {
            Append((byte)'\r');
            Append((byte)'\n');
        }

        _hash.AppendData(_out, 0, _outLength);
        _outLength = 0;
        return _hash.GetHashAndReset();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Take(byte b)
    {
        if (_pendingCr)
        {
            _pendingCr = false;
            if (b == (byte)'\n')
            {
                // End of a line: white space before it goes, the line break waits (trailing empty lines are dropped).
                _pendingSpace = false;
                _pendingLineBreaks++;
                return;
            }

            Emit((byte)'\r');
        }

        switch (b)
        {
            case (byte)'\r':
                _pendingCr = true;
                break;
            case (byte)' ' or (byte)'\t':
                _pendingSpace = true;
                break;
            default:
                Emit(b);
                break;
        }
    }

    private void Emit(byte b)
    {
        for (; _pendingLineBreaks > 0; _pendingLineBreaks--)
        {
            Append((byte)'\r');
            Append((byte)'\n');
        }

        if (_pendingSpace)
        {
            Append((byte)' ');
            _pendingSpace = false;
        }

        Append(b);
        _anyContent = true;
    }

    private void Append(byte b)
    {
        if (_outLength == _out.Length)
        {
            _hash.AppendData(_out, 0, _outLength);
            _outLength = 0;
        }

        _out[_outLength++] = b;
    }
}
