using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Smtp.Transport;

/// <summary>
/// Review: MailKit takes only "250" as success after the message (ParseMessageDataResponse); any other 2xx becomes an
/// SmtpCommandException, which SmtpTransport turns into an EndOfData failure and SmtpFailure.Classify into
/// <see cref="SmtpFailureKind.Permanent"/>: EmailFailed, and with the print fallback the letter goes by post as well,
/// although the server said it took the message (RFC 5321 4.2.1: the first digit decides; 2yz is positive completion).
/// The hand-written client had the same rule; it is carried over, not new.
/// </summary>
public sealed class EndOfDataPositiveReplyReviewTests
{
    private static readonly SmtpEnvelope Envelope = new("bounces+x@bounces.example.com", ["p1@patients.test"]);

    [Theory]
    [InlineData("251 2.0.0 Ok: queued as 4FqT3x1ZzKq")]
    [InlineData("252 2.0.0 Accepted for delivery")]
    public async Task A_positive_completion_reply_to_the_message_is_never_a_permanent_failure(string reply)
    {
        using var server = new TranscriptSmtpServer { Respond = line => line == "." ? reply : null };
        await using var client = SmtpTransportTests.Client(server);

        var ex = await Record.ExceptionAsync(() =>
            client.SendAsync(Envelope, SmtpTransportTests.Message("Subject: x\r\n\r\nBrev.\r\n"), CancellationToken.None));

        Assert.Single(server.Messages); // the server has the message and said 2xx
        var failure = ex is SmtpTransportException t ? SmtpFailure.Classify(t) : null;
        Assert.True(ex is null, $"{ex?.GetType().Name}: {ex?.Message} -> classified {failure?.Kind} (EmailFailed, then post)");
    }
}
