using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Mime;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>The pickup channel writes exactly the bytes of the MIME writer (what SMTP DATA would carry), signed when configured.</summary>
public sealed class PickupMimeTests : IDisposable
{
    private static readonly VerpSigner s_verp = new("pickup-mime-tests-verp-key"u8);
    private readonly LedgerTestStore _store = new();
    private readonly string _pickup;
    private readonly string _pdfPath;
    private readonly string _pdfSha;

    public PickupMimeTests()
    {
        _pickup = Path.Combine(_store.Directory, "out", "FA830", "email");
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        (_pdfPath, _pdfSha) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "letter.pdf"), 2);
    }

    public void Dispose() => _store.Dispose();

    private EmailPickupOptions Options(DkimSigner? dkim = null) => new()
    {
        PickupDirectory = _pickup,
        FromAddress = "fsn@medtronic-sample.example.com",
        FromDisplayName = "Medtronic Danmark",
        ReplyDomain = "replies.example.com",
        BounceDomain = "bounces.example.com",
        Verp = s_verp,
        Dkim = dkim,
    };

    private OutgoingLetter Letter => new()
    {
        LetterId = "FA830-DK-000042",
        CampaignId = "FA830",
        PatientId = "P42",
        Channel = DeliveryChannelKind.Email,
        PdfPath = _pdfPath,
        PdfSha256 = _pdfSha,
        PageCount = 2,
        RecipientName = "Åse Ørum Ærenlund",
        EmailAddress = "aase@example.com",
        EmailSubject = "Vigtig sikkerhedsmeddelelse om din insulinpumpe (ref. FA830)",
        EmailText = "Kære Åse\n\nSe brevet.\n\nMed venlig hilsen\nCamilla Sejersen\nMedtronic Danmark A/S\n",
        EmailHtml = "<p>Kære Åse</p><p>Med venlig hilsen<br />\nCamilla Sejersen<br />\nMedtronic Danmark A/S</p>",
        AttachmentFileName = "Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf",
    };

    private async Task<string> Deliver(EmailPickupOptions options)
    {
        using var writer = new LedgerWriter(_store.Db);
        await using (var channel = new EmailPickupChannel(options, new LedgerDeliveryLog(writer)))
        {
            await channel.DeliverAsync(Letter, CancellationToken.None);
        }

        return Path.Combine(_pickup, "FA830-DK-000042.eml");
    }

    [Fact]
    public async Task The_eml_is_byte_for_byte_what_the_writer_makes_for_the_same_letter_boundary_and_date()
    {
        var path = await Deliver(Options());
        var file = await File.ReadAllBytesAsync(path);
        var raw = Encoding.ASCII.GetString(file);

        var seed = Regex.Match(raw, "boundary=\"=_m([0-9a-f]+)\"").Groups[1].Value;
        var date = DateTimeOffset.ParseExact(Regex.Match(raw, "(?m)^Date: (.*)\r$").Groups[1].Value, "ddd, dd MMM yyyy HH:mm:ss zzzz", CultureInfo.InvariantCulture);
        var messageId = Regex.Match(raw, "(?mi)^Message-ID: (.*)\r$").Groups[1].Value;
        var content = new EmailAddressing(Options().Identity).Content(Letter, messageId, date) with { Boundary = seed };

        Assert.Equal(await MimeTestContent.Bytes(content), file);
        Assert.DoesNotMatch("(?im)^(Sender|X-Sender|X-Receiver|Return-Path|Bcc):", raw);
        Assert.DoesNotContain("bounces+", raw, StringComparison.Ordinal);
        Assert.Contains("Reply-To: " + s_verp.ReplyAddress("FA830", "FA830-DK-000042", "replies.example.com") + "\r\n", raw, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_pickup, ".tmp"))); // no .part file left behind
    }

    [Fact]
    public async Task A_signed_pickup_message_verifies_with_python_dkim_and_fails_with_a_changed_subject()
    {
        using var signer = DkimTestKeys.Signer();
        var path = await Deliver(Options(signer));
        var raw = await File.ReadAllTextAsync(path, Encoding.ASCII);

        Assert.StartsWith("DKIM-Signature: ", raw, StringComparison.Ordinal);
        Assert.True(DkimTestKeys.PythonVerify(path));
        var subject = Regex.Match(raw, "(?m)^Subject: .*\r$").Value;
        var changed = Path.Combine(_store.Directory, "changed.eml");
        await File.WriteAllTextAsync(changed, raw.Replace(subject, "Subject: Vigtig sikkerhedsmeddelelse (ref. FA831)\r", StringComparison.Ordinal), Encoding.ASCII);
        Assert.False(DkimTestKeys.PythonVerify(changed));
    }
}
