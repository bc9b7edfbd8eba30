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
}
