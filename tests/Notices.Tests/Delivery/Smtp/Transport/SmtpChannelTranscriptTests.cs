using System.Globalization;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Model;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>The SMTP channel over its transport, against the scripted server: what reaches the wire and the ledger.</summary>
public sealed class SmtpChannelTranscriptTests : IDisposable
{
    private readonly LetterPdfStore _letters = new();

    public void Dispose() => _letters.Dispose();

    [Fact]
    public async Task The_final_reply_with_the_queue_id_reaches_the_ledger_redacted_and_the_VERP_address_travels_only_in_MAIL_FROM()
    {
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? "250 2.0.0 Ok: queued as 4FqT3x1ZzKq for <p1@patients.test>" : null };

        await Deliver(server, Letter(1));

        var accepted = Assert.IsType<EmailAccepted>(_letters.Store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailAccepted).ReadEvent());
        Assert.Equal("250 2.0.0 Ok: queued as 4FqT3x1ZzKq for <redacted>", accepted.Reply);
        var mail = server.Commands.Single(c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.StartsWith("MAIL FROM:<bounces+", mail, StringComparison.Ordinal);
        var messageId = Assert.IsType<EmailSending>(_letters.Store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailSending).ReadEvent()).MessageId;
        Assert.StartsWith("<FA830-DK-000001.", messageId, StringComparison.Ordinal);
        // RFC 3461 ENVID is the letter id (the issue's contract): each delivery report names the letter it is about.
        Assert.Contains(" ENVID=FA830-DK-000001", mail, StringComparison.Ordinal);
        Assert.Contains(" RET=HDRS", mail, StringComparison.Ordinal);
        Assert.StartsWith("RCPT TO:<p1@patients.test> NOTIFY=SUCCESS,FAILURE", server.Commands.Single(c => c.StartsWith("RCPT", StringComparison.Ordinal)), StringComparison.Ordinal);
        var message = Assert.Single(server.Messages);
        var headers = message[..message.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("\nSender:", "\n" + headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("X-Sender:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("QUIT", server.Commands.Last());
    }

    [Fact]
    public async Task A_greylisted_recipient_is_deferred_alone_and_the_next_letter_goes_over_the_same_connection_after_RSET()
    {
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line.StartsWith("RCPT TO:<p1@", StringComparison.Ordinal) ? "450 4.2.0 <p1@patients.test>: Greylisted" : null,
        };

        await Deliver(server, Letter(1), Letter(2));

        var deferred = Assert.IsType<EmailDeferred>(_letters.Store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailDeferred).ReadEvent());
        Assert.Equal("450 4.2.0", deferred.Status);
        Assert.Equal(2, deferred.Attempts);
        Assert.DoesNotContain("p1@", deferred.Reason, StringComparison.Ordinal);
        Assert.Single(_letters.Store.Db.Ledger.Where(e => e.Kind == LedgerEventKind.EmailAccepted));
        Assert.Equal(1, server.Connections);
        Assert.Equal(2, server.Commands.Count(c => c == "RSET"));
    }

    [Fact]
    public async Task A_5xx_at_end_of_data_fails_the_letter_with_the_servers_status()
    {
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? "554 5.7.1 Rejected by policy" : null };

        await Deliver(server, Letter(1));

        var failed = Assert.IsType<EmailFailed>(_letters.Store.Db.Ledger.Single(e => e.Kind == LedgerEventKind.EmailFailed).ReadEvent());
        Assert.Equal("554 5.7.1", failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("RSET", server.Commands);
    }

    private async Task Deliver(TranscriptSmtpServer server, params OutgoingLetter[] letters)
    {
        var settings = new SmtpSettings
        {
            Server = new SmtpServerAddress("127.0.0.1", server.Port),
            UseStartTls = false,
            Connections = 1,
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        };
        using var writer = new LedgerWriter(_letters.Store.Db);
        await using (var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(writer)))
        {
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, CancellationToken.None);
            }

            await channel.CompleteAsync(CancellationToken.None);
        }
    }

    private static EmailIdentity Identity => SmtpTestLetters.Identity("smtp-transcript-tests-verp-key");

    private OutgoingLetter Letter(int n) => SmtpTestLetters.Letter(n, _letters.PdfPath, _letters.PdfSha256, "Se vedhæftede brev.\n.en linje med punktum", $"brev-{n}.pdf");
}
