using Notices.Model;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Ledger;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery;

public sealed class EmailPickupChannelTests : IDisposable
{
    private readonly LedgerTestStore _store = new();
    private readonly string _pickup;
    private readonly string _pdfPath;
    private readonly string _pdfSha;

    public EmailPickupChannelTests()
    {
        _pickup = Path.Combine(_store.Directory, "out", "FA830", "email");
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        (_pdfPath, _pdfSha) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "letter.pdf"), 2);
    }

    public void Dispose() => _store.Dispose();

    private EmailPickupOptions Options => new()
    {
        PickupDirectory = _pickup,
        FromAddress = "fsn@example.com",
        FromDisplayName = "Medicinsk Udstyr A/S – Kvalitet",
        ReplyToAddress = "svar@example.com",
        BounceDomain = "bounce.example.com",
        Verp = Verp,
        Workers = 3,
    };

    private static VerpSigner Verp { get; } = new("pickup-channel-tests-verp-key"u8);

    private OutgoingLetter Letter(int n, string? subject = null, string? name = null, string? email = null) => new()
    {
        LetterId = "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture),
        CampaignId = "FA830",
        PatientId = "P" + n.ToString(CultureInfo.InvariantCulture),
        Channel = DeliveryChannelKind.Email,
        PdfPath = _pdfPath,
        PdfSha256 = _pdfSha,
        PageCount = 2,
        RecipientName = name ?? "Søren Ærø",
        EmailAddress = email ?? $"patient{n}@example.com",
        EmailSubject = subject ?? "Vigtig sikkerhedsmeddelelse – insulinpumpe (FA830)",
        EmailText = "Kære Søren\n\nSe vedhæftede brev.",
        EmailHtml = "<p>Kære Søren</p><p>Se vedhæftede brev.</p>",
        AttachmentFileName = $"Vigtig-sikkerhedsmeddelelse-FA830-DK-{n:D6}.pdf",
    };

    private Task DeliverAll(params OutgoingLetter[] letters) => DeliverAll(Options, letters);

    private async Task DeliverAll(EmailPickupOptions options, params OutgoingLetter[] letters)
    {
        using var writer = new LedgerWriter(_store.Db);
        await using (var channel = new EmailPickupChannel(options, new LedgerDeliveryLog(writer)))
        {
            Assert.Equal(DeliveryChannelKind.Email, channel.Kind);
            await Task.WhenAll(letters.Select(l => channel.DeliverAsync(l, CancellationToken.None)));
            await channel.CompleteAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Writes_one_eml_per_letter_with_pdf_attachment_and_our_message_id()
    {
        var letters = Enumerable.Range(1, 6).Select(n => Letter(n)).ToArray();
        await DeliverAll(letters);

        var files = Directory.GetFiles(_pickup, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(letters.Select(l => l.LetterId + ".eml"), files);
        Assert.False(Directory.Exists(Path.Combine(_pickup, ".tmp")));

        // Intent before effect: each letter's EmailSending comes before its EmailWritten, with the same Message-ID.
        var events = _store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).ToList();
        Assert.Equal(12, events.Count);
        foreach (var perLetter in events.GroupBy(e => e.LetterId))
        {
            Assert.Equal([LedgerEventKind.EmailSending, LedgerEventKind.EmailWritten], perLetter.Select(e => e.Kind));
            Assert.Equal(((EmailSending)perLetter.First().ReadEvent()).MessageId, ((EmailWritten)perLetter.Last().ReadEvent()).MessageId);
        }

        foreach (var letter in letters)
        {
            var eml = new EmlFile(Path.Combine(_pickup, letter.LetterId + ".eml"));
            var messageId = eml.Header("Message-ID");
            Assert.Matches("^<" + Regex.Escape(letter.LetterId) + @"\.[0-9a-f]{16}@example\.com>$", messageId);
            // Signed VERP: bounces+<letter-id>.<tag>@, the tag checking out for this letter and no other.
            var verp = Verp.Address(letter.CampaignId, letter.LetterId, "bounce.example.com");
            Assert.Matches("^bounces\\+" + Regex.Escape(letter.LetterId) + @"\.[a-z2-7]{16}@bounce\.example\.com$", verp);
            // The VERP address is the envelope sender only (MAIL FROM): no Sender or X-Sender header anywhere.
            Assert.DoesNotContain(eml.Headers, h => h.Name is "Sender" or "X-Sender" or "X-Receiver");
            Assert.DoesNotContain(verp, eml.Text, StringComparison.Ordinal);
            Assert.Contains(letter.EmailAddress!, eml.Header("To"), StringComparison.Ordinal);
            Assert.Equal("Søren Ærø <" + letter.EmailAddress + ">", EmlFile.DecodeWords(eml.Header("To")));
            Assert.Contains("svar@example.com", eml.Header("Reply-To"), StringComparison.Ordinal);
            Assert.Equal("Vigtig sikkerhedsmeddelelse – insulinpumpe (FA830)", EmlFile.DecodeWords(eml.Header("Subject")));
            Assert.Contains("multipart/mixed", eml.Header("Content-Type"), StringComparison.Ordinal);
            Assert.Contains("Content-Type: text/html; charset=utf-8", eml.Text, StringComparison.Ordinal);
            Assert.Contains("Content-Type: text/plain; charset=utf-8", eml.Text, StringComparison.Ordinal);

            var pdf = eml.PdfAttachment(out var partHeaders);
            Assert.Contains("name=" + letter.AttachmentFileName, partHeaders, StringComparison.Ordinal);
            Assert.Contains("Content-Transfer-Encoding: base64", partHeaders, StringComparison.Ordinal);
            Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
            Assert.Equal(File.ReadAllBytes(_pdfPath), pdf);

            var logged = Assert.Single(events, e => e.LetterId == letter.LetterId && e.Kind == LedgerEventKind.EmailWritten);
            var detail = LedgerDetail.Parse(logged.Detail);
            Assert.Equal(messageId, detail["message_id"]);
            Assert.Equal(letter.LetterId + ".eml", detail["file"]);
            Assert.Equal(_pdfSha, detail["pdf_sha256"]);
            Assert.Equal(letter.PatientId, logged.PatientId);
        }
    }

    [Fact]
    public async Task Reply_to_with_a_display_name_is_written_with_the_name_encoded()
    {
        // notice.yaml email.reply_to in name-addr form, as plan accepts it.
        var letter = Letter(8);
        await DeliverAll(Options with { ReplyToAddress = "Åse Ørsted <svar@example.com>" }, letter);

        var events = _store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).Select(e => e.Kind).ToList();
        Assert.Equal([LedgerEventKind.EmailSending, LedgerEventKind.EmailWritten], events);
        var replyTo = new EmlFile(Path.Combine(_pickup, letter.LetterId + ".eml")).Header("Reply-To");
        Assert.Contains("=?utf-8?", replyTo, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("<svar@example.com>", replyTo, StringComparison.Ordinal);
        Assert.Equal("Åse Ørsted <svar@example.com>", EmlFile.DecodeWords(replyTo));
    }

    [Fact]
    public async Task With_a_reply_domain_the_signed_reply_address_wins_over_a_named_reply_to()
    {
        var letter = Letter(10);
        await DeliverAll(Options with { ReplyToAddress = "Åse Ørsted <svar@example.com>", ReplyDomain = "replies.example.com" }, letter);

        var replyTo = new EmlFile(Path.Combine(_pickup, letter.LetterId + ".eml")).Header("Reply-To");
        Assert.Equal(Verp.ReplyAddress(letter.CampaignId, letter.LetterId, "replies.example.com"), replyTo);
    }

    [Fact]
    public async Task Reply_to_as_a_bare_address_is_written_bare()
    {
        var letter = Letter(9);
        await DeliverAll(letter);

        Assert.Equal(LedgerEventKind.EmailWritten, _store.Db.Ledger.AsNoTracking().OrderBy(e => e.Seq).Last().Kind);
        Assert.Equal("svar@example.com", new EmlFile(Path.Combine(_pickup, letter.LetterId + ".eml")).Header("Reply-To"));
    }

    [Fact]
    public async Task Cr_lf_in_subject_or_name_cannot_add_a_header()
    {
        var letter = Letter(7, subject: "Vigtigt\r\nBcc: evil@example.com", name: "Ole\r\nBcc: evil2@example.com\nX-Evil: 1");
        await DeliverAll(letter);

        var eml = new EmlFile(Path.Combine(_pickup, letter.LetterId + ".eml"));
        Assert.DoesNotContain(eml.RawHeaderLines, l => l.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(eml.RawHeaderLines, l => l.StartsWith("X-Evil", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(eml.Headers, h => h.Name.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Vigtigt Bcc: evil@example.com", EmlFile.DecodeWords(eml.Header("Subject")));
        Assert.Contains("patient7@example.com", eml.Header("To"), StringComparison.Ordinal);
        // The injected text stays inside the quoted display name; the only address is the patient's.
        Assert.EndsWith("<patient7@example.com>", EmlFile.DecodeWords(eml.Header("To")), StringComparison.Ordinal);
        // Every raw header line is either a "Name: value" line or a folded continuation.
        Assert.All(eml.RawHeaderLines, l => Assert.Matches(@"^([A-Za-z-]+: |[ \t])", l));
    }

    [Fact]
    public async Task Missing_or_invalid_address_and_changed_pdf_are_recorded_as_failed()
    {
        var noAddress = Letter(1) with { EmailAddress = null };
        var badAddress = Letter(2, email: "ikke en adresse");
        var changed = Letter(3) with { PdfSha256 = new string('0', 64) };
        await DeliverAll(noAddress, badAddress, changed);

        Assert.Empty(Directory.GetFiles(_pickup, "*.eml"));
        var events = _store.Db.Ledger.AsNoTracking().ToList();
        Assert.Equal(3, events.Count);
        Assert.All(events, e => Assert.Equal(LedgerEventKind.EmailFailed, e.Kind));
        string Reason(OutgoingLetter l) => ((EmailFailed)events.Single(e => e.LetterId == l.LetterId).ReadEvent()).Reason;
        Assert.Equal("no email address", Reason(noAddress));
        Assert.Equal("invalid email address", Reason(badAddress));
        Assert.Contains("changed", Reason(changed), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Detail.Contains("ikke en adresse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivering_again_overwrites_the_letters_file_instead_of_adding_one()
    {
        await DeliverAll(Letter(1));
        var first = File.ReadAllText(Path.Combine(_pickup, "FA830-DK-000001.eml"));
        await DeliverAll(Letter(1));

        Assert.Single(Directory.GetFiles(_pickup, "*.eml"));
        var second = File.ReadAllText(Path.Combine(_pickup, "FA830-DK-000001.eml"));
        Assert.NotEqual(first, second); // a new Message-ID each time
        Assert.True(LedgerVerifier.Verify(_store.Db).IsValid);
    }
}
