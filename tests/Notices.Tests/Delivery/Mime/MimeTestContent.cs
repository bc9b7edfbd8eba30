using System.Text;
using Notices.Delivery.Mime;
using Notices.Tests.Support;

namespace Notices.Tests.Delivery.Mime;

/// <summary>A letter email for the MIME tests, and the bytes <see cref="LetterEmail"/> writes for it.</summary>
internal static class MimeTestContent
{
    public static readonly DateTimeOffset Date = new(2026, 12, 5, 18, 20, 7, TimeSpan.FromHours(1));

    public static MailContent For(string pdfPath, string? subject = null, string? toName = null, string? fileName = null, IMessageSigner? dkim = null) => new()
    {
        From = MailboxAddress.Parse("fsn@medtronic-sample.example.com", "Medtronic Danmark"),
        To = MailboxAddress.Parse("soeren@example.com", toName ?? "Søren Ærø Åkjær"),
        ReplyTo = MailboxAddress.Parse("svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com"),
        Subject = subject ?? "Vigtig sikkerhedsmeddelelse om din insulinpumpe (ref. FA830)",
        Date = Date,
        MessageId = "<FA830-DK-000042.0123456789abcdef@bounces.example.com>",
        TextBody = "Kære Søren\n\nSe det vedhæftede brev.\n.\nMed venlig hilsen\nCamilla Sejersen\n",
        HtmlBody = "<p>Kære Søren</p>\n<p>Se det vedhæftede brev.</p>",
        AttachmentPath = pdfPath,
        AttachmentFileName = fileName ?? "Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf",
        Dkim = dkim,
        Boundary = "fixed0123",
    };

    public static Task<byte[]> Bytes(MailContent content)
    {
        using var email = LetterEmail.Create(content);
        using var stream = new MemoryStream();
        email.WriteTo(stream, CancellationToken.None);
        return Task.FromResult(stream.ToArray());
    }

    public static async Task<(byte[] Bytes, string Path)> Write(TempDirectory dir, MailContent content, string name = "m.eml")
    {
        var bytes = await Bytes(content);
        var path = dir.File(name);
        await File.WriteAllBytesAsync(path, bytes);
        return (bytes, path);
    }

    public static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
