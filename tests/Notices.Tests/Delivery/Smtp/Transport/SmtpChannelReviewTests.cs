using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>Hostile-review tests of the SMTP channel (issue 12): a PDF that vanishes after the readiness check.</summary>
public sealed class SmtpChannelReviewTests : IDisposable
{
    private readonly LedgerTestStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task A_pdf_removed_after_the_check_fails_that_letter_only_and_the_server_is_not_blamed()
    {
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        var (pdf1, sha1) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "1.pdf"), 1);
        var (pdf2, sha2) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "2.pdf"), 1);
        using var server = new TranscriptSmtpServer();
        var settings = new SmtpSettings
        {
            Server = new SmtpServerAddress("127.0.0.1", server.Port),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        ChannelCompletion completion;
        // The PDF is deleted at the last moment the channel lets anything happen: when its intent is recorded.
        using (var writer = new LedgerWriter(_store.Db))
        await using (var channel = new SmtpChannel(settings, Identity, new DeletingLog(new LedgerDeliveryLog(writer), "FA830-DK-000001", pdf1)))
        {
            await channel.DeliverAsync(Letter(1, pdf1, sha1), CancellationToken.None);
            await channel.DeliverAsync(Letter(2, pdf2, sha2), CancellationToken.None);
            completion = await channel.CompleteAsync(CancellationToken.None);
        }

        Assert.Null(completion.ServerProblem);
        var failed = _store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailFailed);
        Assert.Equal("FA830-DK-000001", failed.LetterId);
        Assert.Equal("letter PDF not found", Assert.IsType<EmailFailed>(failed.ReadEvent()).Reason);
        Assert.Equal("FA830-DK-000002", _store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailAccepted).LetterId);
        Assert.DoesNotContain(_store.Db.Ledger, e => e.Kind == LedgerEventKind.EmailDeferred);
        Assert.Single(server.Messages, m => m.Length > 0);
    }

    [Fact]
    public async Task An_international_domain_goes_in_punycode_in_RCPT_TO_as_in_the_To_header_so_no_SMTPUTF8_is_needed()
    {
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        var (pdf, sha) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "1.pdf"), 1);
        using var server = new TranscriptSmtpServer(); // offers no SMTPUTF8
        var settings = new SmtpSettings
        {
            Server = new SmtpServerAddress("127.0.0.1", server.Port),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 1,
            Timeout = TimeSpan.FromSeconds(10),
        };
        using (var writer = new LedgerWriter(_store.Db))
        await using (var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(writer)))
        {
            await channel.DeliverAsync(Letter(1, pdf, sha) with { EmailAddress = "p1@ærø.dk" }, CancellationToken.None);
            await channel.CompleteAsync(CancellationToken.None);
        }

        Assert.Single(_store.Db.Ledger.Where(e => e.Kind == LedgerEventKind.EmailAccepted));
        var ascii = "p1@" + new System.Globalization.IdnMapping().GetAscii("ærø.dk");
        Assert.Equal("p1@xn--r-3fa9c.dk", ascii);
        Assert.Contains(server.Commands, c => c.StartsWith("RCPT TO:<p1@xn--r-3fa9c.dk> NOTIFY=SUCCESS,FAILURE", StringComparison.Ordinal));
        Assert.Contains("<p1@xn--r-3fa9c.dk>", server.Messages.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_451_at_end_of_data_sends_the_same_Message_ID_and_the_ledger_keeps_it()
    {
        Directory.CreateDirectory(Path.Combine(_store.Directory, "letters"));
        var (pdf, sha) = TestPdfs.Create(Path.Combine(_store.Directory, "letters", "1.pdf"), 1);
        var dots = 0;
        using var server = new TranscriptSmtpServer { Respond = line => line == "." && Interlocked.Increment(ref dots) == 1 ? "451 4.3.0 Try again" : null };
        var settings = new SmtpSettings
        {
            Server = new SmtpServerAddress("127.0.0.1", server.Port),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 3,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using (var writer = new LedgerWriter(_store.Db))
        await using (var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(writer)))
        {
            await channel.DeliverAsync(Letter(1, pdf, sha), CancellationToken.None);
            await channel.CompleteAsync(CancellationToken.None);
        }

        var ids = server.Messages.Where(m => m.Length > 0)
            .Select(m => m.Split("\r\n").Single(l => l.StartsWith("Message-ID: ", StringComparison.OrdinalIgnoreCase))[12..]).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
        var accepted = Assert.IsType<EmailAccepted>(_store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailAccepted).ReadEvent());
        Assert.Equal(ids[0], accepted.MessageId);
        Assert.Equal(2, accepted.Attempts);
    }

    private sealed class DeletingLog(IDeliveryLog inner, string letterId, string path) : IDeliveryLog
    {
        public void Record(LetterEvent letterEvent) => inner.Record(letterEvent);

        public void RecordIntent(IReadOnlyList<LetterEvent> letterEvents)
        {
            inner.RecordIntent(letterEvents);
            if (letterEvents.Any(e => e.LetterId == letterId))
            {
                File.Delete(path);
            }
        }
    }

    private static EmailIdentity Identity => SmtpTestLetters.Identity("smtp-review-tests-verp-key");

    private static OutgoingLetter Letter(int n, string pdf, string sha) => SmtpTestLetters.Letter(n, pdf, sha, attachmentFileName: $"brev-{n}.pdf", html: null);
}
