using System.Text;
using MimeKit;
using Notices.Confirmations;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>The hand-written reports in Fixtures/, read as the importer reads them.</summary>
public sealed class ConfirmationReaderTests
{
    private static HeaderList Headers(string message) => IncomingMail.Load(Encoding.UTF8.GetBytes(message)).Headers;

    [Fact]
    public void Postfix_delivery_report_is_delivered_with_status_original_id_and_verp_letter()
    {
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("postfix-delivered.eml"));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Delivered, report.Outcome);
        Assert.Equal("delivered", report.Action);
        Assert.Equal("2.0.0", report.Status);
        Assert.Equal("smtp; 250 2.0.0 Ok: queued as 9C1F3E0042", report.Diagnostic);
        Assert.Equal(DsnFixtures.SentMessageId, report.OriginalMessageId);
        Assert.Equal("<20261121091504.4B7D21C0A1@mail.example.com>", report.MessageId);
        Assert.Equal("FA830-DK-000042", report.VerpLetterId);
        Assert.Equal(DsnFixtures.FixtureTag, report.VerpTag);
        Assert.True(report.FromMailSystem);
        Assert.Null(report.OriginalEnvelopeId);
    }

    [Fact]
    public void Postfix_delay_report_is_delayed_with_retry_limit()
    {
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("postfix-delayed.eml"));

        Assert.Equal(DsnOutcome.Delayed, report.Outcome);
        Assert.Equal("4.4.1", report.Status);
        Assert.Equal("X-Postfix; connect to mx.patients.test[192.0.2.25]:25: Connection timed out", report.Diagnostic);
        Assert.Equal("Thu, 26 Nov 2026 10:15:03 +0100 (CET)", report.WillRetryUntil);
        Assert.Equal(DsnFixtures.SentMessageId, report.OriginalMessageId);
    }

    [Fact]
    public void Postfix_bounce_unfolds_a_three_line_diagnostic_and_redacts_both_addresses()
    {
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("postfix-bounced.eml"));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("failed", report.Action);
        Assert.Equal("5.1.1", report.Status);
        Assert.Equal(
            "smtp; 550 5.1.1 <redacted>: Recipient address rejected: User unknown in virtual mailbox table; forwarded to <redacted>",
            report.Diagnostic);
        Assert.Equal(DsnFixtures.SentMessageId, report.OriginalMessageId);
    }

    [Fact]
    public void Base64_delivery_status_in_a_nested_exchange_report_is_decoded()
    {
        // CRLF line ends, multipart/alternative inside multipart/report, base64 delivery-status, message/rfc822 original,
        // and the VERP address in lower case.
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("exchange-bounced-base64.eml"));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("5.2.2", report.Status);
        Assert.NotNull(report.Diagnostic);
        Assert.StartsWith("smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception", report.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("[BeginDiagnosticData]<redacted>[EndDiagnosticData]", report.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain("karen", report.Diagnostic, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(DsnFixtures.SentMessageId, report.OriginalMessageId);
        Assert.Equal("fa830-dk-000042", report.VerpLetterId);
        Assert.Equal(DsnFixtures.FixtureTag, report.VerpTag);
    }

    [Fact]
    public void Plain_bounce_without_report_is_failed_with_unknown_status_and_the_quoted_message_id()
    {
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("plain-bounce.eml"));

        Assert.Equal(ConfirmationKind.PlainBounce, report.Kind);
        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("unknown", report.Status);
        Assert.Null(report.Diagnostic);
        // The quoted Message-ID is split by a quoted-printable soft line break.
        Assert.Equal(DsnFixtures.SentMessageId, report.OriginalMessageId);
        Assert.Equal("<returned.20261121101600.77@oldmail.example.com>", report.MessageId);
    }

    [Fact]
    public void Auto_reply_to_the_bounce_address_is_not_a_bounce()
    {
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("autoreply.eml"));

        Assert.Equal(ConfirmationKind.Other, report.Kind);
        Assert.Null(report.Outcome);
        Assert.Equal("FA830-DK-000042", report.VerpLetterId);
    }

    [Fact]
    public void Report_to_an_address_without_verp_has_no_letter_id()
    {
        // The original headers inside still name bounces+FA830-DK-000042 as Return-Path; only the delivery address counts.
        var report = ConfirmationReader.Read(DsnFixtures.Bytes("no-verp-bounced.eml"));

        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Null(report.VerpLetterId);
    }

    [Fact]
    public void Verp_headers_are_searched_in_order_delivered_to_first()
    {
        var headers = Headers("To: Someone <someone@example.com>, bounces+FA830-DK-000003.aaaaaaaaaaaaaaaa@bounces.example.com\n" +
            "X-Original-To: BOUNCES+FA830-DK-000002.bbbbbbbbbbbbbbbb@bounces.example.com\n" +
            "Delivered-To: dsn@bounces.example.com\n" +
            "Delivered-To: bounces+FA830-DK-000001.cccccccccccccccc@bounces.example.com\n\nbody\n");

        Assert.Equal(new VerpMatch("FA830-DK-000001", "cccccccccccccccc"), VerpAddress.Find(headers));
        Assert.Null(VerpAddress.FindLetterId(Headers("To: xbounces+FA830-DK-000001.cccccccccccccccc@example.com\n\n")));
        Assert.Equal("FA830-DK-000003", VerpAddress.FindLetterId(Headers("Envelope-To: x@example.com\nTo: <bounces+FA830-DK-000003@b.example.com>\n\n")));
    }

    [Theory]
    [InlineData("bounces+FA830-DK-000042.fx7q2m4kzt5rw3ha@b.example.com", "FA830-DK-000042", "fx7q2m4kzt5rw3ha")]
    [InlineData("bounces+FA830-DK-000042@b.example.com", "FA830-DK-000042", null)]
    [InlineData("BOUNCES+fa830-dk-000042.FX7Q2M4KZT5RW3HA@b.example.com", "fa830-dk-000042", "FX7Q2M4KZT5RW3HA")]
    // The id holds no dot, so the first dot ends it: a dotted "id" is an id with a (bad) tag, never a longer id.
    [InlineData("bounces+FA830-DK-000042.x.fx7q2m4kzt5rw3ha@b.example.com", "FA830-DK-000042", "x.fx7q2m4kzt5rw3ha")]
    [InlineData("bounces+FA830_DK-000042.tag@b.example.com", "FA830_DK-000042", "tag")]
    public void The_verp_address_splits_into_letter_id_and_tag_at_the_first_dot(string address, string letterId, string? tag)
    {
        var headers = Headers("Delivered-To: " + address + "\n\nbody\n");

        Assert.Equal(new VerpMatch(letterId, tag), VerpAddress.Find(headers));
    }

    [Fact]
    public void Original_envelope_id_of_a_report_is_read_and_a_null_sender_counts_as_a_mail_system()
    {
        var message =
            "Return-Path: <>\n" +
            "From: Mail Delivery Subsystem <mailer@mx.example.com>\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b1\n\n" +
            "--b1\nContent-Type: message/delivery-status\n\n" +
            "Reporting-MTA: dns; mx.example.com\nOriginal-Envelope-Id: FA830-DK-000042.0123456789abcdef+40bounces.example.com\n\n" +
            "Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n\n" +
            "--b1--\n";

        var report = ConfirmationReader.Read(Encoding.UTF8.GetBytes(message));

        Assert.Equal("FA830-DK-000042.0123456789abcdef+40bounces.example.com", report.OriginalEnvelopeId);
        Assert.True(report.FromMailSystem);
        Assert.False(ConfirmationReader.Read(DsnFixtures.Bytes("autoreply.eml")).FromMailSystem);
    }

    [Fact]
    public void Report_with_several_recipients_takes_the_worst_outcome()
    {
        var message =
            "From: MAILER-DAEMON@example.com\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b1\n\n" +
            "--b1\nContent-Type: text/plain\n\nsee below\n" +
            "--b1\nContent-Type: message/delivery-status\n\n" +
            "Reporting-MTA: dns; mx.example.com\n\n" +
            "Final-Recipient: rfc822; a@example.com\nAction: delivered\nStatus: 2.0.0\n\n" +
            "Final-Recipient: rfc822; b@example.com\nAction: failed\nStatus: 5.7.1 (rejected)\n\n" +
            "--b1--\n";

        var report = ConfirmationReader.Read(Encoding.UTF8.GetBytes(message));

        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("5.7.1", report.Status);
    }

    [Fact]
    public void Report_whose_action_is_unknown_has_no_outcome()
    {
        var message =
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"x y\"\n\n" +
            "--x y\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\nAction: vanished\n\n--x y--\n";

        var report = ConfirmationReader.Read(Encoding.UTF8.GetBytes(message));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Null(report.Outcome);
    }
}
