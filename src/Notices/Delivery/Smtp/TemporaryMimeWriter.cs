using System.Net.Mail;
using System.Text;

namespace Notices.Delivery.Smtp;

/// <summary>
/// TEMPORARY until the shared MIME writer lands (delete this file then): serialises today's <see cref="MailMessage"/>
/// through System.Net.Mail's pickup-directory writer into a private temp file and streams that file, minus the
/// X-Sender, X-Receiver and Sender headers (the VERP address now travels only in MAIL FROM).
/// </summary>
internal sealed class TemporaryMimeWriter : IMailMessageSource
{
    private static readonly string[] Dropped = ["X-Sender:", "X-Receiver:", "Sender:"];
    private readonly PickupWorker _worker;
    private readonly string _file;

    private TemporaryMimeWriter(PickupWorker worker, string file, string? envelopeFrom)
    {
        _worker = worker;
        _file = file;
        EnvelopeFrom = envelopeFrom;
        EstimatedSize = new FileInfo(file).Length;
    }

    public long EstimatedSize { get; }

    public string? EnvelopeFrom { get; }

    /// <exception cref="FormatException">An address in the letter cannot be used.</exception>
    public static TemporaryMimeWriter Create(EmailMessageFactory factory, OutgoingLetter letter, string messageId)
    {
        var worker = new PickupWorker(Path.Combine(Path.GetTempPath(), "notices-smtp-" + Guid.NewGuid().ToString("N")));
        try
        {
            using (var pdf = new FileStream(letter.PdfPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            using (var message = factory.Create(letter, pdf, messageId, requestDsn: false))
            {
                worker.Client.Send(message);
            }

            return new TemporaryMimeWriter(worker, worker.TakeWrittenFile(), factory.VerpAddressFor(letter));
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    public async Task WriteAsync(Stream destination, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        // The header block is small: read it line by line, then copy the body as it is.
        var header = new MemoryStream();
        var line = new List<byte>();
        var skipping = false;
        while (true)
        {
            var b = file.ReadByte();
            if (b < 0)
            {
                break;
            }

            line.Add((byte)b);
            if (b != '\n')
            {
                continue;
            }

            var text = Encoding.ASCII.GetString([.. line]);
            line.Clear();
            var continuation = text.StartsWith(' ') || text.StartsWith('\t');
            if (!continuation)
            {
                skipping = Dropped.Any(d => text.StartsWith(d, StringComparison.OrdinalIgnoreCase));
            }

            if (!skipping)
            {
                header.Write(Encoding.ASCII.GetBytes(text));
            }

            if (text == "\r\n")
            {
                break;
            }
        }

        header.Write([.. line]);
        header.Position = 0;
        await header.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        await file.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _worker.Dispose();
}
