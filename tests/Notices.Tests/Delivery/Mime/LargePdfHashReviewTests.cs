using System.Security.Cryptography;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>
/// Review: a PDF over <see cref="LetterEmail.InMemoryAttachmentLimit"/> (4 MB) is streamed and checked only for its
/// length; its recorded SHA-256 is never compared. The in-memory path refuses a changed PDF ("What goes out must be the
/// document the ledger recorded"), the streamed path sends it, and EmailAccepted then records the old hash.
/// </summary>
public sealed class LargePdfHashReviewTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(1 * 1024 * 1024)]      // in memory: refused when the message is made
    [InlineData(5 * 1024 * 1024)]      // streamed: refused at the end of the PDF, before the message ends
    public void A_pdf_that_differs_from_its_recorded_hash_is_refused_whatever_its_size(int size)
    {
        var path = _temp.File("letter.pdf");
        var original = new byte[size];
        original[0] = (byte)'%';
        File.WriteAllBytes(path, original);
        var recorded = Convert.ToHexStringLower(SHA256.HashData(original));

        // Rewritten after its hash was recorded (a re-render, a restore from backup): same length, other bytes.
        var changed = (byte[])original.Clone();
        changed[size / 2] = 0x42;
        File.WriteAllBytes(path, changed);

        var content = MimeTestContent.For(path) with { AttachmentSha256 = recorded };
        Assert.Throws<AttachmentChangedException>(() =>
        {
            using var email = LetterEmail.Create(content);
            using var sink = new MemoryStream();
            email.WriteTo(sink, CancellationToken.None);
        });
    }
}
