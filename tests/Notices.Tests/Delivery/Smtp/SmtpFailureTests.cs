using System.Net.Mail;
using System.Net.Sockets;
using Notices.Delivery.Smtp;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

public sealed class SmtpFailureTests
{
    [Fact]
    public void An_unknown_recipient_is_permanent_with_reply_code_and_enhanced_status_and_no_address()
    {
        // The text System.Net.Mail puts in the exception for Postfix's reply to RCPT.
        var ex = new SmtpFailedRecipientException(SmtpStatusCode.MailboxUnavailable, "<nobody@strict.patients.test>",
            "Mailbox unavailable. The server response was: 5.1.1 <nobody@strict.patients.test>: Recipient address rejected: User unknown in virtual mailbox table");

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.Permanent, failure.Kind);
        Assert.Equal("550 5.1.1", failure.Status);
        Assert.DoesNotContain("nobody", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("<redacted>", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpStatusCode.LocalErrorInProcessing)]
    [InlineData(SmtpStatusCode.InsufficientStorage)]
    public void Four_hundred_replies_are_temporary_for_the_letter_and_leave_the_server_in_use(SmtpStatusCode code)
    {
        var failure = SmtpFailure.Classify(new SmtpException(code, "try later"));

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.False(failure.ConcernsServer);
    }

    [Fact]
    public void A_greylisted_recipient_answered_451_concerns_only_the_letter_though_it_is_no_SmtpFailedRecipientException()
    {
        // What System.Net.Mail throws for "451 4.7.1 … Greylisted" to RCPT (measured against the test Postfix).
        var ex = new SmtpException(SmtpStatusCode.LocalErrorInProcessing,
            "Error in processing. The server response was: 4.7.1 <greylist@patients.test>: Recipient address rejected: Greylisted, try again later");

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.False(failure.ConcernsServer);
        Assert.Equal("451 4.7.1", failure.Status);
        Assert.DoesNotContain("greylist@", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_421_reply_concerns_the_server()
    {
        var failure = SmtpFailure.Classify(new SmtpException(SmtpStatusCode.ServiceNotAvailable, "4.3.2 Service shutting down"));

        Assert.Equal(SmtpFailureKind.ServerUnavailable, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.True(failure.ConcernsServer);
    }

    [Fact]
    public void A_refused_connection_concerns_the_server_is_retried_and_named()
    {
        var ex = new SmtpException("Failure sending mail.", new SocketException((int)SocketError.ConnectionRefused));

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.ServerUnavailable, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.True(failure.ConcernsServer);
        Assert.Equal("connection failed: ConnectionRefused", failure.Reason);
    }

    [Fact]
    public void A_timeout_or_lost_connection_without_a_reply_code_is_a_cut_hand_over_that_is_never_retried()
    {
        // SmtpClient's timeout and a connection closed mid-session: no reply code (GeneralFailure). The server may
        // have queued the message before the connection went, so the letter must not be sent again by itself.
        var cuts = new Exception[]
        {
            new SmtpException("The operation has timed out."),
            new SmtpException("Failure sending mail.", new IOException("Unable to read data from the transport connection: The connection was closed.")),
            new SmtpException("Failure sending mail.", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))),
            new IOException("broken pipe"),
        };

        Assert.All(cuts, ex =>
        {
            var failure = SmtpFailure.Classify(ex);
            Assert.Equal(SmtpFailureKind.Cut, failure.Kind);
            Assert.False(failure.IsTemporary);
            Assert.False(failure.ConcernsServer);
        });
    }

    [Theory]
    [InlineData(530, "5.7.0 Must issue a STARTTLS command first")]
    [InlineData(535, "5.7.8 Error: authentication failed")]
    public void Tls_and_authentication_refusals_stop_the_run_instead_of_failing_each_letter(int code, string text)
    {
        var failure = SmtpFailure.Classify(new SmtpException((SmtpStatusCode)code, text));

        Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
        Assert.True(failure.ConcernsServer);
        Assert.False(failure.IsTemporary);
        Assert.StartsWith(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_message_is_permanent()
    {
        var failure = SmtpFailure.Classify(new SmtpException(SmtpStatusCode.ExceededStorageAllocation, "5.3.4 Message size exceeds fixed limit"));

        Assert.Equal(SmtpFailureKind.Permanent, failure.Kind);
        Assert.Equal("552 5.3.4", failure.Status);
    }
}
