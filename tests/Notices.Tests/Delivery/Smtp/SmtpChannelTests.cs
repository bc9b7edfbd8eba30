using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>The SMTP channel on its own, against the real test Postfix on 127.0.0.1:2525.</summary>
[Collection(PostfixCollection.Name)]
public sealed class SmtpChannelTests : IDisposable
{
    private readonly LedgerTestStore _store = new();
    private readonly string _pdfPath;
    private readonly string _pdfSha;

    public SmtpChannelTests()
    {
        PostfixServer.EnsureRunning();
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        PostfixServer.ClearMaildirs();
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        (_pdfPath, _pdfSha) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "letter.pdf"), 2);
    }

    public void Dispose() => _store.Dispose();

    private static EmailIdentity Identity => new()
    {
        FromAddress = "fsn@example.com",
        FromDisplayName = "Medicinsk Udstyr A/S – Kvalitet",
        BounceDomain = "bounces.example.com",
        Verp = Verp,
    };

    private static VerpSigner Verp { get; } = new("smtp-channel-tests-verp-key"u8);

    private OutgoingLetter Letter(int n, string? subject = null, string? name = null) => new()
    {
        LetterId = "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture),
        CampaignId = "FA830",
        PatientId = "P" + n.ToString(CultureInfo.InvariantCulture),
        Channel = DeliveryChannelKind.Email,
        PdfPath = _pdfPath,
        PdfSha256 = _pdfSha,
        PageCount = 2,
        RecipientName = name ?? "Søren Ærø",
        EmailAddress = $"p{n}@patients.test",
        EmailSubject = subject ?? "Vigtig sikkerhedsmeddelelse – insulinpumpe (FA830)",
        EmailText = "Kære Søren\n\nSe vedhæftede brev.",
        EmailHtml = "<p>Kære Søren</p>",
        AttachmentFileName = $"Vigtig-sikkerhedsmeddelelse-FA830-DK-{n:D6}.pdf",
    };

    private async Task Deliver(SmtpSettings settings, params OutgoingLetter[] letters)
    {
        using var writer = new LedgerWriter(_store.Db);
        await using var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(writer));
        foreach (var letter in letters)
        {
            await channel.DeliverAsync(letter, CancellationToken.None);
        }

        await channel.CompleteAsync(CancellationToken.None);
    }

    private static SmtpSettings Postfix => new() { Server = SmtpServerAddress.Parse(PostfixServer.SmtpUrl), UseStartTls = false, Connections = 4 };

    [Fact]
    public async Task A_CR_or_LF_in_a_name_or_subject_cannot_add_a_header_or_a_recipient()
    {
        await Deliver(Postfix, Letter(1, subject: "Vigtigt\r\nBcc: evil@patients.test", name: "Ole\r\nBcc: evil2@patients.test\nX-Evil: 1"));

        var file = Assert.Single(PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, 1, TimeSpan.FromSeconds(30)));
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(30));
        Assert.Single(PostfixServer.MessageFiles(PostfixServer.PatientsMaildir)); // no copy went to evil@ or evil2@
        var message = PostfixServer.LoadMessage(file);
        Assert.Equal("p1@patients.test", message.Headers["X-Original-To"]);
        Assert.False(message.Headers.ContainsKey("Bcc"));
        Assert.False(message.Headers.ContainsKey("X-Evil"));
        Assert.Equal("Vigtigt Bcc: evil@patients.test", MimeWords.Decode(message.Headers["Subject"]));
    }

    [Fact]
    public async Task Each_accepted_letter_asks_for_a_delivery_report_which_comes_back_to_its_own_VERP_address()
    {
        await Deliver(Postfix, Letter(2), Letter(3));

        var reports = PostfixServer.WaitForMessages(PostfixServer.BouncesMaildir, 2, TimeSpan.FromSeconds(30))
            .Select(f => File.ReadAllText(f)).ToList();
        Assert.Contains(reports, r => r.Contains("X-Original-To: " + Verp.Address("FA830", "FA830-DK-000002", "bounces.example.com"), StringComparison.Ordinal));
        Assert.Contains(reports, r => r.Contains("X-Original-To: " + Verp.Address("FA830", "FA830-DK-000003", "bounces.example.com"), StringComparison.Ordinal));
        Assert.All(reports, r => Assert.Contains("Action: delivered", r, StringComparison.Ordinal));
        var accepted = _store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.EmailAccepted).ToList();
        Assert.Equal(2, accepted.Count);
        Assert.All(accepted, e => Assert.Contains($"\"server\":\"{PostfixServer.Host}:{PostfixServer.Port}\"", e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ledger_keeps_Postfixs_queue_id_for_each_message_and_Postfix_logs_that_id_with_the_Message_ID()
    {
        await Deliver(Postfix, Letter(5), Letter(6));

        var accepted = _store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.EmailAccepted).AsEnumerable()
            .Select(e => Assert.IsType<EmailAccepted>(e.ReadEvent())).ToList();
        Assert.Equal(2, accepted.Count);
        var log = File.ReadAllText(Path.Combine(PostfixServer.InstanceRoot, "postfix.log"));
        foreach (var a in accepted)
        {
            var match = System.Text.RegularExpressions.Regex.Match(a.Reply!, @"^250 2\.0\.0 Ok: (\d+ bytes )?queued as ([0-9A-Za-z]+)$");
            Assert.True(match.Success, a.Reply);
            // cleanup logs "<queue id>: message-id=<…>" for the message it queued.
            // "Ok: 5086 bytes queued as …" after BDAT (CHUNKING, which Postfix offers), "Ok: queued as …" after DATA.
            Assert.Contains($"{match.Groups[2].Value}: message-id={a.MessageId}", log, StringComparison.Ordinal);
        }

        Assert.NotEqual(accepted[0].Reply, accepted[1].Reply);
    }

    [Fact]
    public async Task The_rate_limit_spaces_messages_over_all_connections()
    {
        var letters = Enumerable.Range(10, 11).Select(n => Letter(n)).ToArray();
        var clock = Stopwatch.StartNew();

        await Deliver(Postfix with { MaxMessagesPerSecond = 10 }, letters);

        // 11 messages at 10/s: the last may start no earlier than 1 s after the first.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"took {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(11, _store.Db.Ledger.Count(e => e.Kind == LedgerEventKind.EmailAccepted));
    }

    [Fact]
    public async Task A_changed_PDF_is_not_sent()
    {
        var letter = Letter(4) with { PdfSha256 = new string('0', 64) };

        await Deliver(Postfix, letter);

        var failed = Assert.Single(_store.Db.Ledger.AsNoTracking().Where(e => e.Kind == LedgerEventKind.EmailFailed));
        Assert.Contains("SHA-256 differs", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(0, _store.Db.Ledger.Count(e => e.Kind == LedgerEventKind.EmailAccepted));
    }
}
