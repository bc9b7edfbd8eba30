using System.Diagnostics;
using System.Text;
using Notices.Acknowledgements;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary><see cref="ReplyClassifier"/> on hand-written replies, auto-replies, reports and hostile messages.</summary>
public sealed class ReplyClassifierTests
{
    private const string To = "svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com";
    private const string Patient = "Søren Ærø <soeren@patients.test>";

    private static ReplyMessage Classify(string message) => ReplyClassifier.Classify(ReplyMessages.Bytes(message));

    [Fact]
    public void A_persons_reply_is_a_reply_with_its_address_sender_message_id_and_date()
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, "Re: Vigtig sikkerhedsmeddelelse om din insulinpumpe"));

        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Equal(new ReplyAddressMatch("FA830-DK-000042", "abcdefghijklmnop"), reply.Address);
        Assert.Equal("soeren@patients.test", reply.FromAddress);
        Assert.Equal("<reply-1@mail.patients.test>", reply.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 9, 15, 2, TimeSpan.FromHours(1)), reply.Date);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied")]
    [InlineData("Auto-Submitted: auto-generated; owner-email=\"x@example.com\"")]
    [InlineData("X-Autoreply: yes")]
    [InlineData("X-Autorespond: Fraværende")]
    [InlineData("Precedence: bulk")]
    [InlineData("Precedence: auto_reply")]
    [InlineData("Precedence: junk")]
    [InlineData("Precedence: list")]
    public void Auto_reply_headers_make_an_auto_reply(string header)
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, "Re: sikkerhedsmeddelelse FA830-DK-000042", extraHeaders: header));
        Assert.Equal(ReplyKind.AutoReply, reply.Kind);
        Assert.Empty(reply.MentionedLetterIds);
    }

    [Fact]
    public void Auto_submitted_no_is_a_person()
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, "Re: brevet", extraHeaders: "Auto-Submitted: no"));
        Assert.Equal(ReplyKind.Reply, reply.Kind);
    }

    [Theory]
    [InlineData("Out of office: back on Monday")]
    [InlineData("OUT OF OFFICE")]
    [InlineData("Automatic reply: Vigtig sikkerhedsmeddelelse")]
    [InlineData("Autosvar: Vigtig sikkerhedsmeddelelse")]
    [InlineData("Fraværende: Vigtig sikkerhedsmeddelelse")]
    [InlineData("Ikke til stede: Vigtig sikkerhedsmeddelelse")]
    [InlineData("=?utf-8?Q?Frav=C3=A6rende=3A_Vigtig_sikkerhedsmeddelelse?=")]
    [InlineData("=?UTF-8?B?RnJhdsOmcmVuZGU6IFZpZ3RpZw==?=")]
    [InlineData("=?iso-8859-1?Q?Frav=E6rende?= =?iso-8859-1?Q?=3A_ferie?=")]
    [InlineData("=?windows-1252?q?Ikke_til_stede?=")]
    public void Out_of_office_subjects_plain_or_encoded_make_an_auto_reply(string subject)
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, subject));
        Assert.Equal(ReplyKind.AutoReply, reply.Kind);
    }

    [Fact]
    public void A_raw_latin1_fravaerende_subject_is_still_read_as_an_auto_reply()
    {
        var text = ReplyMessages.Reply(To, Patient, "Frav\u00e6rende til 1. december");
        // The subject goes over the wire as the single byte 0xE6, not UTF-8: a mis-encoded header.
        var bytes = Encoding.Latin1.GetBytes(text.Replace("Søren Ærø", "Soren", StringComparison.Ordinal));
        Assert.Equal(ReplyKind.AutoReply, ReplyClassifier.Classify(bytes).Kind);
    }

    [Fact]
    public void A_multipart_report_is_a_delivery_report()
    {
        var message = "From: MAILER-DAEMON@mail.notices.test (Mail Delivery System)\nTo: " + To + "\nSubject: Undelivered Mail\n"
            + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n"
            + "--b1\nContent-Type: text/plain\n\nFA830-DK-000042 could not be delivered.\n"
            + "--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.notices.test\n\nFinal-Recipient: rfc822; x@patients.test\nAction: failed\nStatus: 5.1.1\n"
            + "--b1--\n";
        Assert.Equal(ReplyKind.DeliveryReport, Classify(message).Kind);
    }

    [Fact]
    public void A_null_sender_or_mailer_daemon_is_a_delivery_report()
    {
        var nullSender = "Return-Path: <>\n" + ReplyMessages.Reply(To, "someone@example.com", "Re: FA830-DK-000042");
        Assert.Equal(ReplyKind.DeliveryReport, Classify(nullSender).Kind);

        var daemon = ReplyMessages.Reply(To, "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>", "Returned mail");
        Assert.Equal(ReplyKind.DeliveryReport, Classify(daemon).Kind);
    }

    [Fact]
    public void Letter_ids_in_the_subject_are_found_in_any_case_with_the_reminder_suffix()
    {
        var reply = Classify(ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", Patient,
            "Re: fa830-dk-000042-r1 modtaget", body: "Se også FA830-DK-000007.\n"));

        Assert.Null(reply.Address);
        Assert.Equal(["fa830-dk-000042-r1"], reply.MentionedLetterIds);
    }

    [Fact]
    public void Without_an_id_in_the_subject_the_text_body_is_searched_even_base64_encoded()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("Hej\n\nJeg har modtaget brevet (brev-id FA830-DK-000042) og læst det.\n"));
        var message = ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", Patient, "Svar", body: body + "\n")
            .Replace("Content-Transfer-Encoding: 8bit", "Content-Transfer-Encoding: base64", StringComparison.Ordinal);

        Assert.Equal(["FA830-DK-000042"], Classify(message).MentionedLetterIds);
    }

    [Theory]
    [InlineData("FA830-DK-0000421")] // seven digits
    [InlineData("XFA830-DK-00004")]
    [InlineData("telefon 12345678")]
    [InlineData("FA830-DK-000042x")]
    public void Near_misses_are_not_letter_ids(string text)
    {
        var reply = Classify(ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", Patient, "Svar", body: text + "\n"));
        Assert.Empty(reply.MentionedLetterIds);
    }

    [Fact]
    public void No_message_id_and_no_date_are_null_not_errors()
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, "Re: brevet", messageId: null, date: "sometime last week"));
        Assert.Null(reply.MessageId);
        Assert.Null(reply.Date);
        Assert.Equal(ReplyKind.Reply, reply.Kind);
    }

    [Fact]
    public void Mis_encoded_body_bytes_under_a_utf8_label_still_give_the_letter_id()
    {
        var head = Encoding.ASCII.GetBytes(ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", "p@patients.test", "Svar", body: ""));
        byte[] body = [0xC3, 0x28, 0xFF, 0xFE, .. "\nbrev FA830-DK-000042 modtaget\n"u8, 0xE6, 0xF8, 0xE5, (byte)'\n'];
        var reply = ReplyClassifier.Classify([.. head, .. body]);

        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Equal(["FA830-DK-000042"], reply.MentionedLetterIds);
    }

    [Fact]
    public void A_huge_message_is_read_quickly_and_only_its_first_text_is_searched()
    {
        var filler = new StringBuilder(6 * 1024 * 1024);
        while (filler.Length < 6 * 1024 * 1024)
        {
            filler.Append("Lorem ipsum dolor sit amet FA830-DK- 0000 --- ").Append('\n');
        }

        var message = ReplyMessages.Reply("fsn-svar@medtronic-sample.example.com", Patient, "Svar",
            body: filler + "\nFA830-DK-000042\n");
        var watch = Stopwatch.StartNew();
        var reply = Classify(message);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Empty(reply.MentionedLetterIds); // the id is far past the first 64 KB of text
    }

    [Theory]
    [InlineData("Sun, 22 Nov 2026 09:15:02 +0100", "2026-11-22T08:15:02Z")]
    [InlineData("22 Nov 2026 23:30 -0500 (EST)", "2026-11-23T04:30:00Z")]
    [InlineData("Mon, 1 Dec 2026 00:00:00 GMT", "2026-12-01T00:00:00Z")]
    public void Mail_dates_are_read_with_their_zone(string value, string utc)
    {
        var reply = Classify(ReplyMessages.Reply(To, Patient, "Re: brevet", date: value));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), reply.Date);
    }

    [Theory]
    [InlineData("31 Feb 2026 10:00:00 +0100")]
    [InlineData("22 Foo 2026 10:00:00 +0100")]
    [InlineData("")]
    public void Impossible_dates_are_null(string value) =>
        Assert.Null(Classify(ReplyMessages.Reply(To, Patient, "Re: brevet", date: value)).Date);

    [Fact]
    public void Encoded_words_in_the_subject_decode_and_a_bogus_one_passes_through()
    {
        Assert.Equal(ReplyKind.AutoReply, Classify(ReplyMessages.Reply(To, Patient, "=?utf-8?Q?Frav=C3=A6rende?= =?utf-8?Q?=3A_ferie?=")).Kind);
        Assert.Equal(ReplyKind.Reply, Classify(ReplyMessages.Reply(To, Patient, "=?bogus?X?abc?=")).Kind);
    }
}
