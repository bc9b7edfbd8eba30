using System.Globalization;
using System.Security.Cryptography;

namespace Notices.Delivery.Mime;

/// <summary>
/// The letter PDF as a message attachment: read from disk each time the message is written (measured, signed, sent),
/// and checked against the length it had when the message was made. A PDF truncated or rewritten meanwhile would
/// otherwise go out as valid base64 of the wrong document (and break the DKIM body hash), so the write fails instead,
/// before the end of the message. With the recorded SHA-256, every pass also hashes what it read and fails at the end
/// of the PDF when that is not the recorded document (a file rewritten to the same length).
/// </summary>
internal sealed class PdfAttachmentStream : Stream
{
    private readonly FileStream _file;
    private readonly long _expected;
    private readonly string? _sha256;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _hashed;

    private PdfAttachmentStream(FileStream file, string? sha256)
    {
        _file = file;
        _expected = file.Length;
        _sha256 = string.IsNullOrEmpty(sha256) ? null : sha256;
    }

    /// <exception cref="FileNotFoundException">The PDF is gone.</exception>
    public static PdfAttachmentStream Open(string path, string? sha256 = null) =>
        // Synchronous reads: on Linux an async read of a regular file is the same read on a thread-pool thread.
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false), sha256);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _expected;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = _file.Position;
        var read = _file.Read(buffer);
        return Check(buffer[..read], start);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var start = _file.Position;
        var read = await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span[..read], start);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Check(ReadOnlySpan<byte> read, long start)
    {
        var position = _file.Position;
        if ((read.Length == 0 && position != _expected) || position > _expected)
        {
            throw new AttachmentChangedException(string.Create(CultureInfo.InvariantCulture,
                $"the PDF changed while the message was written ({_file.Length} bytes, expected {_expected})"));
        }

        if (_sha256 is null)
        {
            return read.Length;
        }

        if (start == 0)
        {
            // A new pass (MimeKit seeks to the start for each write): hash from the beginning again.
            _hash.GetHashAndReset();
            _hashed = 0;
        }

        if (start == _hashed)
        {
            _hash.AppendData(read);
            _hashed += read.Length;
        }

        if (read.Length == 0 && _hashed == _expected)
        {
            var same = string.Equals(Convert.ToHexStringLower(_hash.GetHashAndReset()), _sha256, StringComparison.OrdinalIgnoreCase);
            _hashed = -1; // checked once per pass; a further read at the end has nothing to add
            if (!same)
            {
                throw new AttachmentChangedException("the PDF changed since its hash was recorded");
            }
        }

        return read.Length;
    }
}
