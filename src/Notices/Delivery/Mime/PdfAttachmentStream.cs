using System.Globalization;

namespace Notices.Delivery.Mime;

/// <summary>
/// The letter PDF as a message attachment: read from disk each time the message is written (measured, signed, sent),
/// and checked against the length it had when the message was made. A PDF truncated or rewritten meanwhile would
/// otherwise go out as valid base64 of the wrong document (and break the DKIM body hash), so the write fails instead,
/// before the end of the message.
/// </summary>
internal sealed class PdfAttachmentStream : Stream
{
    private readonly FileStream _file;
    private readonly long _expected;

    private PdfAttachmentStream(FileStream file)
    {
        _file = file;
        _expected = file.Length;
    }

    /// <exception cref="FileNotFoundException">The PDF is gone.</exception>
    public static PdfAttachmentStream Open(string path) =>
        // Synchronous reads: on Linux an async read of a regular file is the same read on a thread-pool thread.
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: false));

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _expected;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Check(_file.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Check(_file.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Check(await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

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
        }

        base.Dispose(disposing);
    }

    private int Check(int read)
    {
        var position = _file.Position;
        if ((read == 0 && position != _expected) || position > _expected)
        {
            throw new AttachmentChangedException(string.Create(CultureInfo.InvariantCulture,
                $"the PDF changed while the message was written ({_file.Length} bytes, expected {_expected})"));
        }

        return read;
    }
}
