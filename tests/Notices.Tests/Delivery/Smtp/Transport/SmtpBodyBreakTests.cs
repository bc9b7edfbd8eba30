using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// Exactly-once rests on one line MailKit does not draw itself: a connection lost before the last byte of the message
/// left the client cannot have delivered it (no final dot), so the letter may go again; lost after it, the server may
/// have queued the message, so the letter is uncertain and never sent again by itself. The transport counts the bytes
/// (<c>DataProgress</c>) to know which.
/// </summary>
public sealed class SmtpBodyBreakTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);

    [Fact]
    public async Task Lost_while_the_message_is_still_being_written_is_pending_and_safe_to_send_again()
    {
        // 24 MB of attachment (no SIZE limit offered): far more than loopback's socket buffers hold, so the client is mid-message when the
        // server stops reading after 64 KB and closes.
        using var server = new TranscriptSmtpServer("250-scripted.test\r\n250-PIPELINING\r\n250 8BITMIME") { DropInBodyAfter = 64 * 1024 };
        await using var client = SmtpTransportTests.Client(server);
        var message = SmtpTransportTests.Message("Subject: stor\r\n\r\nx\r\n");
        message.Body = new MimeKit.MimePart("application", "pdf")
        {
            Content = new MimeKit.MimeContent(new MemoryStream(new byte[24 * 1024 * 1024])),
            ContentTransferEncoding = MimeKit.ContentEncoding.Base64,
        };
        var hooked = false;

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, message, () => hooked = true, CancellationToken.None));

        Assert.True(ex.ConnectionLost, ex.ToString());
        Assert.Equal(SmtpStage.Body, ex.Stage);
        Assert.False(ex.MessageMayBeQueued);
        var failure = SmtpFailure.Classify(ex);
        Assert.NotEqual(SmtpFailureKind.Cut, failure.Kind);
        Assert.True(failure.IsTemporary, failure.Kind + " " + failure.Reason);
        Assert.False(hooked); // the next letter's intent is never started for a message that did not finish
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Lost_after_the_last_byte_before_the_reply_is_uncertain()
    {
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? TranscriptSmtpServer.Drop : null };
        await using var client = SmtpTransportTests.Client(server);
        var hooked = false;

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() =>
            client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nBrev.\r\n"), () => hooked = true, CancellationToken.None));

        Assert.True(ex.ConnectionLost);
        Assert.Equal(SmtpStage.EndOfData, ex.Stage);
        Assert.True(ex.MessageMayBeQueued);
        Assert.Equal(SmtpFailureKind.Cut, SmtpFailure.Classify(ex).Kind);
        Assert.True(hooked);
        Assert.Single(server.Messages); // the server did have the whole message
    }

    [Fact]
    public async Task A_timeout_waiting_for_the_reply_to_the_message_is_uncertain()
    {
        using var server = new TranscriptSmtpServer
        {
            BeforeReply = async line =>
            {
                if (line == ".")
                {
                    await Task.Delay(TimeSpan.FromSeconds(8));
                }
            },
        };
        await using var client = new SmtpTransport(new SmtpTransportOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            RequireStartTls = false,
            Timeout = TimeSpan.FromSeconds(1),
            ClientName = "client.test",
        });

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nBrev.\r\n"), CancellationToken.None));

        Assert.Equal(SmtpStage.EndOfData, ex.Stage);
        Assert.Equal(SmtpFailureKind.Cut, SmtpFailure.Classify(ex).Kind);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }
}
