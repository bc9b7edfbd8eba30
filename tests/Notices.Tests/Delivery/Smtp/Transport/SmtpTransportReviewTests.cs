using System.Text;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>Regression tests from the hostile review of the own SMTP transport (issue 12).</summary>
public sealed class SmtpTransportReviewTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]) { Size = 120 };

    private const string Simple = "From: a@example.com\r\nTo: p1@patients.test\r\nSubject: Hej\r\n\r\nBrev.\r\n";

    [Fact]
    public async Task A_PDF_that_vanishes_while_the_body_is_written_is_the_letters_failure_not_a_lost_connection()
    {
        using var server = new TranscriptSmtpServer();
        await using var client = SmtpTransportTests.Client(server);

        // The writer fails the way MimeMessage does when the PDF was deleted after the readiness check.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(Envelope, async (stream, ct) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("Subject: x\r\n\r\n"), ct);
            throw new FileNotFoundException("gone", "/tmp/letter.pdf");
        }, CancellationToken.None));

        // Not a SmtpTransportException (ConnectionLost would blame the server and give it up for the whole run).
        Assert.IsType<FileNotFoundException>(ex);
        Assert.False(client.IsConnected); // DATA cannot be abandoned but by dropping the connection

        var next = await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None);
        Assert.Equal(250, next.Code);
        Assert.Equal(Simple, server.Messages[^1]);
        Assert.DoesNotContain(server.Messages, m => m.Contains("Subject: x", StringComparison.Ordinal)); // never ended with a dot
    }

    [Fact]
    public async Task A_server_that_answers_250_before_the_data_is_not_trusted_and_later_letters_do_not_get_its_stale_replies()
    {
        var datas = 0;
        using var server = new TranscriptSmtpServer
        {
            // The first DATA is answered with 354 and, at once, a 250 for a message it has not seen yet.
            Respond = line => line == "DATA" && Interlocked.Increment(ref datas) == 1 ? "354 go ahead\r\n250 2.0.0 Ok: early" : null,
        };
        await using var client = SmtpTransportTests.Client(server);

        var ex = await Assert.ThrowsAsync<SmtpTransportException>(() => client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None));
        Assert.Equal(SmtpStage.Data, ex.Stage);
        Assert.True(ex.ConnectionLost);
        Assert.False(ex.MessageMayBeQueued); // no byte of the message left: safe to retry

        var next = await client.SendAsync(Envelope, SmtpTransportTests.Message(Simple), CancellationToken.None);
        Assert.Equal("250 2.0.0 Ok: queued as 4FqT3x1ZzKq", next.OneLine);
        Assert.Equal([Simple], server.Messages.Where(m => m.Length > 0));
    }
}
