using System.Text;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// The hook the channel uses to commit the next letter's intent while the server answers a final dot: it must run
/// only after the whole message and its dot were written, once per attempt, and never for a message that did not go.
/// </summary>
public sealed class SmtpTransportEndOfDataHookTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]) { Size = 120 };
    private const string Simple = "From: a@example.com\r\nTo: p1@patients.test\r\nSubject: Hej\r\n\r\nBrev.\r\n";

    [Fact]
    public async Task The_hook_runs_once_after_the_body_was_written_and_before_the_reply_is_returned()
    {
        using var server = new TranscriptSmtpServer();
        var bodyWritten = false;
        var calls = 0;
        var bodyWrittenAtHook = false;
        await using (var client = SmtpTransportTests.Client(server))
        {
            var reply = await client.SendAsync(
                Envelope,
                async (stream, ct) =>
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(Simple), ct);
                    bodyWritten = true;
                },
                () =>
                {
                    calls++;
                    bodyWrittenAtHook = bodyWritten;
                },
                CancellationToken.None);
            Assert.Equal(250, reply.Code);
        }

        Assert.Equal(1, calls);
        Assert.True(bodyWrittenAtHook);
        Assert.Single(server.Messages);
    }

    [Fact]
    public async Task The_hook_does_not_run_when_the_recipient_is_refused_and_no_message_is_sent()
    {
        using var server = new TranscriptSmtpServer
        {
            Respond = line => line.StartsWith("RCPT", StringComparison.Ordinal) ? "550 5.1.1 No such mailbox" : null,
        };
        var calls = 0;
        await using (var client = SmtpTransportTests.Client(server))
        {
            await Assert.ThrowsAsync<SmtpTransportException>(() =>
                client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), () => calls++, CancellationToken.None));
        }

        Assert.Equal(0, calls);
    }
}
