using System.Diagnostics;
using System.Text;
using Notices.Acknowledgements;
using Notices.Confirmations;
using Notices.Tests.Confirmations;
using Xunit;

namespace Notices.Tests.Acknowledgements;

/// <summary>
/// <see cref="ReplyClassifier"/> on malformed and mis-encoded input, where how MimeKit parses decides the answer:
/// every message gets a kind, none throws.
/// </summary>
public sealed class HostileReplyTests
{
    private const string To = "svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com";
    private const string Shared = "fsn-svar@medtronic-sample.example.com";
    private const string Person = "Someone <someone@example.net>";
    private const string IdText = "Content-Type: text/plain; charset=utf-8\n\nbrev FA830-DK-000042 modtaget";

    private static ReplyMessage Classify(string message) => ReplyClassifier.Classify(Encoding.UTF8.GetBytes(message));

    [Fact]
    public void Text_within_the_depth_limit_is_searched_and_below_it_is_not()
    {
        var shallow = HostileMail.Nested(HostileMail.Head(Shared, Person, "Svar", "multipart/mixed; boundary=n1"), 4, IdText);
        Assert.Equal(["FA830-DK-000042"], Classify(shallow).MentionedLetterIds);

        var deep = HostileMail.Nested(HostileMail.Head(Shared, Person, "Svar", "multipart/mixed; boundary=n1"), 10_000, IdText);
        var watch = Stopwatch.StartNew();
        var reply = Classify(deep);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Empty(reply.MentionedLetterIds);
    }

    [Fact]
    public void A_four_megabyte_subject_and_twenty_thousand_headers_are_read_quickly()
    {
        var message = HostileMail.HugeHeaders(To, 4 * 1024 * 1024, 20_000, "brev FA830-DK-000042\n");
        var watch = Stopwatch.StartNew();

        var reply = Classify(message);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Equal("FA830-DK-000042", reply.Address?.LetterId);
        Assert.Equal("someone@example.net", reply.FromAddress);
        Assert.Equal(["FA830-DK-000042"], reply.MentionedLetterIds);
    }

    [Fact]
    public void A_multipart_without_a_boundary_has_no_text_to_search_and_a_report_without_one_is_still_a_report()
    {
        var mixed = HostileMail.Head(Shared, Person, "Svar", "multipart/mixed") + "--b1\n" + IdText + "\n--b1--\n";
        var reply = Classify(mixed);
        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Empty(reply.MentionedLetterIds);

        var report = HostileMail.Head(To, Person, "Svar", "multipart/report; report-type=delivery-status") + "--b1\n" + HostileMail.FailedStatus;
        Assert.Equal(ReplyKind.DeliveryReport, Classify(report).Kind);
    }

    [Fact]
    public void Bad_base64_text_is_a_reply_naming_no_letter()
    {
        var message = HostileMail.Head(Shared, Person, "Svar", "text/plain; charset=utf-8")
            .Replace("MIME-Version: 1.0\n", "MIME-Version: 1.0\nContent-Transfer-Encoding: base64\n", StringComparison.Ordinal)
            + "!!!! ###\n@@@@===\n\u0001\u0002\n";

        var reply = Classify(message);

        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Empty(reply.MentionedLetterIds);
    }

    [Theory]
    [InlineData("=?iso-8859-1?Q?Frav=E6rende=3A_ferie?=")]
    [InlineData("=?ISO-8859-1?B?RnJhduZyZW5kZTogZmVyaWU=?=")]
    [InlineData("=?x-no-such-charset?Q?Frav=E6rende?=")]
    [InlineData("=?utf-8?Q?Frav=E6rende=3A_ferie?=")] // Latin-1 bytes under a UTF-8 label
    public void A_latin1_fravaerende_in_an_encoded_word_is_an_auto_reply(string subject)
    {
        var reply = Classify(ReplyMessages.Reply(To, Person, subject));

        Assert.Equal(ReplyKind.AutoReply, reply.Kind);
    }

    [Fact]
    public void A_latin1_body_without_charset_is_read_as_latin1_and_its_letter_id_found()
    {
        var head = ReplyMessages.Reply(Shared, "=?iso-8859-1?Q?S=F8ren_=C6r=F8?= <soeren@patients.test>", "Svar", body: "")
            .Replace("Content-Type: text/plain; charset=utf-8", "Content-Type: text/plain", StringComparison.Ordinal);
        byte[] message = [.. Encoding.ASCII.GetBytes(head), .. Encoding.Latin1.GetBytes("Kære jer, brev FA830-DK-000042 er læst. Søren\n")];

        var reply = ReplyClassifier.Classify(message);
        using var parsed = IncomingMail.Load(message);

        Assert.Equal(["FA830-DK-000042"], reply.MentionedLetterIds);
        Assert.Equal("soeren@patients.test", reply.FromAddress);
        Assert.Equal("Kære jer, brev FA830-DK-000042 er læst. Søren", parsed.TextBody.Trim());
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not mail at all\nno headers here FA830-DK-000042\n")]
    public void Bytes_without_a_header_block_are_a_reply_naming_nothing(string message)
    {
        var reply = Classify(message);

        Assert.Equal(ReplyKind.Reply, reply.Kind);
        Assert.Null(reply.Address);
        Assert.Null(reply.FromAddress);
        Assert.Null(reply.MessageId);
        Assert.Null(reply.Date);
        Assert.Empty(reply.MentionedLetterIds);
    }
}
