using System.Net.Sockets;
using Notices.Delivery.Smtp;
using Notices.Delivery.Smtp.Transport;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>What <see cref="SmtpFailure.Classify(SmtpTransportException)"/> makes of a failed transport step.</summary>
public sealed class SmtpFailureTests
{
    private static SmtpTransportException Replied(SmtpStage stage, int code, string text) =>
        new(stage, SmtpReply.Create(code, [text]));

    private static SmtpTransportException Lost(SmtpStage stage, string reason) =>
        new(stage, reason, connectionLost: true, new IOException("closed"));

    [Fact]
    public void An_unknown_recipient_is_permanent_with_reply_code_and_enhanced_status_and_no_address()
    {
        var ex = Replied(SmtpStage.RcptTo, 550,
            "5.1.1 <nobody@strict.patients.test>: Recipient address rejected: User unknown in virtual mailbox table");

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.Permanent, failure.Kind);
        Assert.Equal("550 5.1.1", failure.Status);
        Assert.DoesNotContain("nobody", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("<redacted>", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(450, "4.2.0 Mailbox busy")]
    [InlineData(451, "4.3.0 Local error in processing")]
    [InlineData(452, "4.3.1 Insufficient system storage")]
    public void Four_hundred_replies_to_RCPT_are_temporary_for_the_letter_and_leave_the_server_in_use(int code, string text)
    {
        var failure = SmtpFailure.Classify(Replied(SmtpStage.RcptTo, code, text));

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.False(failure.ConcernsServer);
    }

    [Fact]
    public void A_greylisted_recipient_answered_451_concerns_only_the_letter()
    {
        var ex = Replied(SmtpStage.RcptTo, 451, "4.7.1 <greylist@patients.test>: Recipient address rejected: Greylisted, try again later");

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.False(failure.ConcernsServer);
        Assert.Equal("451 4.7.1", failure.Status);
        Assert.DoesNotContain("greylist@", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpStage.MailFrom)]
    [InlineData(SmtpStage.RcptTo)]
    [InlineData(SmtpStage.EndOfData)]
    public void A_421_reply_concerns_the_server_whatever_the_command(SmtpStage stage)
    {
        var failure = SmtpFailure.Classify(Replied(stage, 421, "4.3.2 Service shutting down"));

        Assert.Equal(SmtpFailureKind.ServerUnavailable, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.True(failure.ConcernsServer);
        Assert.Equal("421 4.3.2", failure.Status);
    }

    [Fact]
    public void A_refused_connection_concerns_the_server_is_retried_and_named()
    {
        var ex = new SmtpTransportException(SmtpStage.Connect, "connection failed: " + SocketError.ConnectionRefused,
            connectionLost: true, new SocketException((int)SocketError.ConnectionRefused));

        var failure = SmtpFailure.Classify(ex);

        Assert.Equal(SmtpFailureKind.ServerUnavailable, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.True(failure.ConcernsServer);
        Assert.Equal("connection failed: ConnectionRefused", failure.Reason);
    }

    [Theory]
    [InlineData(SmtpStage.MailFrom)]
    [InlineData(SmtpStage.RcptTo)]
    [InlineData(SmtpStage.Data)]
    [InlineData(SmtpStage.Body)]
    public void A_connection_lost_before_the_final_dot_is_retried_because_the_server_never_had_the_message(SmtpStage stage)
    {
        var failure = SmtpFailure.Classify(Lost(stage, "connection lost: ConnectionReset"));

        Assert.Equal(SmtpFailureKind.ServerUnavailable, failure.Kind);
        Assert.True(failure.IsTemporary);
        Assert.Equal("connection lost: ConnectionReset at " + stage, failure.Reason);
    }

    [Theory]
    [InlineData("timed out")]
    [InlineData("connection lost: ConnectionReset")]
    public void A_connection_lost_after_the_final_dot_is_a_cut_hand_over_that_is_never_retried(string reason)
    {
        // The server may have queued the message before the connection went, so the letter must not be sent again by itself.
        var failure = SmtpFailure.Classify(Lost(SmtpStage.EndOfData, reason));

        Assert.Equal(SmtpFailureKind.Cut, failure.Kind);
        Assert.False(failure.IsTemporary);
        Assert.False(failure.ConcernsServer);
        Assert.Equal(reason + " after the message was sent", failure.Reason);
    }

    [Theory]
    [InlineData(SmtpStage.MailFrom, 530, "5.7.0 Must issue a STARTTLS command first")]
    [InlineData(SmtpStage.Auth, 535, "5.7.8 Error: authentication failed")]
    [InlineData(SmtpStage.StartTls, 454, "4.7.0 TLS not available due to local problem")]
    [InlineData(SmtpStage.MailFrom, 454, "4.7.0 TLS not available due to local problem")]
    public void Tls_and_authentication_refusals_stop_the_run_instead_of_failing_each_letter(SmtpStage stage, int code, string text)
    {
        var failure = SmtpFailure.Classify(Replied(stage, code, text));

        Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
        Assert.True(failure.ConcernsServer);
        Assert.False(failure.IsTemporary);
        Assert.StartsWith(code.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void A_454_to_RCPT_concerns_only_the_letter()
    {
        var failure = SmtpFailure.Classify(Replied(SmtpStage.RcptTo, 454, "4.7.1 <p1@patients.test>: Relay access denied"));

        Assert.Equal(SmtpFailureKind.Temporary, failure.Kind);
        Assert.False(failure.ConcernsServer);
    }

    [Fact]
    public void A_failed_TLS_handshake_or_a_missing_STARTTLS_stops_the_run()
    {
        var handshake = new SmtpTransportException(SmtpStage.StartTls, "TLS failed: certificate not trusted", connectionLost: true,
            new System.Security.Authentication.AuthenticationException("untrusted")) { TlsFailed = true };
        var notOffered = new SmtpTransportException(SmtpStage.StartTls, "the server does not offer STARTTLS", connectionLost: false);

        Assert.All([handshake, notOffered], ex =>
        {
            var failure = SmtpFailure.Classify(ex);
            Assert.Equal(SmtpFailureKind.ServerRefused, failure.Kind);
            Assert.True(failure.ConcernsServer);
            Assert.Equal("", failure.Status);
        });
    }

    [Fact]
    public void A_rejected_message_is_permanent()
    {
        var failure = SmtpFailure.Classify(Replied(SmtpStage.EndOfData, 552, "5.3.4 Message size exceeds fixed limit"));

        Assert.Equal(SmtpFailureKind.Permanent, failure.Kind);
        Assert.Equal("552 5.3.4", failure.Status);
    }
}
