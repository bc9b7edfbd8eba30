using System.Diagnostics;
using System.Text;
using Notices.Confirmations;
using Xunit;

namespace Notices.Tests.Confirmations;

/// <summary>
/// <see cref="ConfirmationReader"/> on malformed input, where how MimeKit parses decides the answer: every message gets
/// a classification, none throws.
/// </summary>
public sealed class HostileReportReaderTests
{
    private const string Verp = "bounces+FA830-DK-000042.fx7q2m4kzt5rw3ha@bounces.example.com";
    private const string Daemon = "MAILER-DAEMON@mail.example.com (Mail Delivery System)";

    private static ConfirmationMessage Read(string message) => ConfirmationReader.Read(Encoding.UTF8.GetBytes(message));

    private static string Report(string statusPart) =>
        HostileMail.Head(Verp, Daemon, "Undelivered Mail Returned to Sender", "multipart/report; report-type=delivery-status; boundary=b1")
        + "--b1\nContent-Type: text/plain\n\nIt could not be delivered.\n--b1\n" + statusPart + "\n--b1--\n";

    [Fact]
    public void A_status_part_within_the_depth_limit_is_read()
    {
        var head = HostileMail.Head(Verp, Daemon, "Undelivered Mail", "multipart/mixed; boundary=n1");

        var report = Read(HostileMail.Nested(head, IncomingMail.MaxMimeDepth - 2, HostileMail.FailedStatus));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Equal(DsnOutcome.Failed, report.Outcome);
    }

    [Fact]
    public void Ten_thousand_nested_multiparts_are_read_quickly_and_the_deep_status_part_is_not_a_report()
    {
        var head = HostileMail.Head(Verp, "Someone <someone@example.net>", "hej", "multipart/mixed; boundary=n1");
        var message = HostileMail.Nested(head, 10_000, HostileMail.FailedStatus);
        var watch = Stopwatch.StartNew();

        var report = Read(message);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        // Below MaxMimeDepth the rest is one opaque part: its status part is never read.
        Assert.Equal(ConfirmationKind.Other, report.Kind);
        Assert.Null(report.Outcome);
        Assert.Equal("FA830-DK-000042", report.VerpLetterId);
    }

    [Fact]
    public void A_four_megabyte_subject_and_twenty_thousand_headers_are_read_quickly_with_their_verp_and_id()
    {
        var message = HostileMail.HugeHeaders(Verp, 4 * 1024 * 1024, 20_000, "no report here\n");
        var watch = Stopwatch.StartNew();

        var report = Read(message);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(ConfirmationKind.Other, report.Kind);
        Assert.Equal("<huge@evil.test>", report.MessageId);
        Assert.Equal("FA830-DK-000042", report.VerpLetterId);
    }

    [Fact]
    public void A_report_without_a_boundary_has_no_parts_and_is_a_plain_bounce_from_the_mail_system()
    {
        var message = HostileMail.Head(Verp, Daemon, "Undelivered Mail Returned to Sender", "multipart/report; report-type=delivery-status")
            + "--b1\n" + HostileMail.FailedStatus + "--b1--\n";

        var report = Read(message);

        // MimeKit reads the whole body as the preamble: no delivery-status part, as the old reader had none.
        Assert.Equal(ConfirmationKind.PlainBounce, report.Kind);
        Assert.Equal("unknown", report.Status);
        Assert.True(report.FromMailSystem);
    }

    [Fact]
    public void A_report_whose_boundary_never_comes_is_other_when_nothing_says_bounce()
    {
        var message = HostileMail.Head(Verp, "Someone <someone@example.net>", "hej", "multipart/report; boundary=never")
            + "--b1\n" + HostileMail.FailedStatus + "--b1--\n";

        Assert.Equal(ConfirmationKind.Other, Read(message).Kind);
    }

    [Fact]
    public void A_report_without_its_closing_boundary_keeps_its_last_part()
    {
        var message = Report(HostileMail.FailedStatus).Replace("\n--b1--\n", "\n", StringComparison.Ordinal);

        var report = Read(message);

        Assert.Equal(DsnOutcome.Failed, report.Outcome);
        Assert.Equal("5.1.1", report.Status);
    }

    [Theory]
    [InlineData("Content-Type: message/delivery-status\n\n\u0001\u0002 this is no status group\n<<<>>>\n::::\n")]
    [InlineData("Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n@@@ not base64 !!! ===\n####\n")]
    [InlineData("Content-Type: message/delivery-status\n\n")]
    [InlineData("Content-Type: message/global-delivery-status\n\nReporting-MTA: dns; mx\n\nAction\nStatus 5.1.1\n")]
    public void A_garbage_status_part_is_a_report_without_a_known_action(string statusPart)
    {
        var report = Read(Report(statusPart));

        Assert.Equal(ConfirmationKind.DeliveryReport, report.Kind);
        Assert.Null(report.Outcome);
        Assert.Equal("unknown", report.Status);
        Assert.Null(report.Diagnostic);
    }

    [Fact]
    public void A_base64_status_part_with_stray_characters_is_still_read()
    {
        var encoded = Convert.ToBase64String(Encoding.ASCII.GetBytes(
            "Reporting-MTA: dns; mx\r\n\r\nFinal-Recipient: rfc822; a@b.test\r\nAction: delayed\r\nStatus: 4.4.1\r\n"));
        var part = "Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n"
            + encoded[..20] + "\n!!\n" + encoded[20..] + "\n";

        var report = Read(Report(part));

        Assert.Equal(DsnOutcome.Delayed, report.Outcome);
        Assert.Equal("4.4.1", report.Status);
    }

    [Fact]
    public void A_base64_encoded_returned_message_still_gives_the_original_message_id()
    {
        var original = Convert.ToBase64String(Encoding.ASCII.GetBytes("Message-ID: " + DsnFixtures.SentMessageId + "\r\nSubject: x\r\n\r\nbody\r\n"));
        var message = Report(HostileMail.FailedStatus).Replace("\n--b1--\n",
            "\n--b1\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + original + "\n--b1--\n", StringComparison.Ordinal);

        Assert.Equal(DsnFixtures.SentMessageId, Read(message).OriginalMessageId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not mail at all\nno headers here\n")]
    [InlineData("\n\nbody after an empty header block\n")]
    public void Bytes_without_a_header_block_are_other(string message)
    {
        var report = Read(message);

        Assert.Equal(ConfirmationKind.Other, report.Kind);
        Assert.Null(report.MessageId);
        Assert.Null(report.VerpLetterId);
    }
}
