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
    [InlineData(SmtpStatusCode.ServiceNotAvailable)]
    [InlineData(SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpStatusCode.LocalErrorInProcessing)]
    [InlineData(SmtpStatusCode.InsufficientStorage)]
    public void Four_hundred_replies_are_temporary(SmtpStatusCode code)
    {
        Assert.Equal(SmtpFailureKind.Temporary, SmtpFailure.Classify(new SmtpException(code, "try later")).Kind);
    }

    [Fact]
    public void A_refused_connection_is_temporary_and_named()
    {
        var ex = new SmtpException("Failure sending mail.", new SocketException((int)SocketError.ConnectionRefused));

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.Equal("connection failed: ConnectionRefused", failure.Reason);
    }

    [Theory]
    [InlineData(530, "5.7.0 Must issue a STARTTLS command first")]
    [InlineData(535, "5.7.8 Error: authentication failed")]
    public void Tls_and_authentication_refusals_stop_the_run_instead_of_failing_each_letter(int code, string text)
    {
        var failure = SmtpFailure.Classify(new SmtpException((SmtpStatusCode)code, text));

        Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
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
