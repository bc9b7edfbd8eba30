using System.Globalization;
using System.Net.Mail;
using Xunit;

namespace Notices.Tests.Support;

/// <summary>Proves the test Postfix and its fixture against the real server: delivery, DSN, refusal, bounce, stop.</summary>
[Collection(PostfixCollection.Name)]
public sealed class PostfixServerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(15);

    public PostfixServerTests()
    {
        PostfixServer.EnsureRunning();
        PostfixServer.WaitForQueueEmpty(s_wait);
        PostfixServer.ClearMaildirs();
    }

    [Fact]
    public void A_message_to_patients_test_lands_in_the_maildir_and_a_delivery_report_comes_back()
    {
        var letterId = NewLetterId();
        var messageId = $"<{letterId}.0123456789abcdef@bounces.example.com>";

        Send(letterId, messageId, $"patient-{letterId}@patients.test");

        var delivered = PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, 1, s_wait);
        var letter = PostfixServer.LoadMessage(Assert.Single(delivered));
        Assert.Equal(messageId, letter.Headers["Message-ID"]);
        Assert.Equal($"<bounces+{letterId}@bounces.example.com>", letter.Headers["Return-Path"]);
        Assert.Contains("Hej æøå", letter.TextPart("text/plain"), StringComparison.Ordinal);

        var reports = PostfixServer.WaitForMessages(PostfixServer.BouncesMaildir, 1, s_wait);
        var report = PostfixServer.LoadMessage(Assert.Single(reports));
        Assert.Equal("Successful Mail Delivery Report", report.Headers["Subject"]);
        Assert.Equal($"bounces+{letterId}@bounces.example.com", report.Headers["To"]);
        var status = report.TextPart("message/delivery-status");
        Assert.Contains($"Final-Recipient: rfc822; patient-{letterId}@patients.test", status, StringComparison.Ordinal);
        Assert.Contains("Action: delivered", status, StringComparison.Ordinal);
        Assert.Contains("Message-ID: " + messageId, report.TextPart("text/rfc822-headers"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_address_at_strict_patients_test_is_refused_at_rcpt_with_mailbox_unavailable()
    {
        var letterId = NewLetterId();

        var refused = Assert.Throws<SmtpFailedRecipientException>(
            () => Send(letterId, $"<{letterId}@bounces.example.com>", "nobody@strict.patients.test"));

        Assert.Equal(SmtpStatusCode.MailboxUnavailable, refused.StatusCode);
        Assert.Equal("<nobody@strict.patients.test>", refused.FailedRecipient);
        PostfixServer.WaitForQueueEmpty(s_wait);
        Assert.Empty(PostfixServer.MessageFiles(PostfixServer.StrictMaildir));
        Assert.Empty(PostfixServer.MessageFiles(PostfixServer.BouncesMaildir));
    }

    [Fact]
    public void The_known_address_at_strict_patients_test_is_delivered()
    {
        var letterId = NewLetterId();
        var messageId = $"<{letterId}@bounces.example.com>";

        Send(letterId, messageId, "kendt@strict.patients.test");

        var delivered = PostfixServer.WaitForMessages(PostfixServer.StrictMaildir, 1, s_wait);
        Assert.Equal(messageId, PostfixServer.LoadMessage(Assert.Single(delivered)).Headers["Message-ID"]);
    }

    [Fact]
    public void A_message_to_offline_patients_test_is_accepted_and_then_bounced_to_the_verp_sender()
    {
        var letterId = NewLetterId();

        Send(letterId, $"<{letterId}@bounces.example.com>", "patient@offline.patients.test");

        var bounces = PostfixServer.WaitForMessages(PostfixServer.BouncesMaildir, 1, TimeSpan.FromSeconds(10));
        var bounce = PostfixServer.LoadMessage(Assert.Single(bounces));
        Assert.Equal("Undelivered Mail Returned to Sender", bounce.Headers["Subject"]);
        Assert.Equal($"bounces+{letterId}@bounces.example.com", bounce.Headers["To"]);
        var status = bounce.TextPart("message/delivery-status");
        Assert.Contains("Final-Recipient: rfc822; patient@offline.patients.test", status, StringComparison.Ordinal);
        Assert.Contains("Action: failed", status, StringComparison.Ordinal);
        PostfixServer.WaitForQueueEmpty(s_wait);
    }

    [Fact]
    public void While_postfix_is_stopped_sending_fails_and_after_start_it_works_again()
    {
        var letterId = NewLetterId();
        PostfixServer.Stop();
        try
        {
            Assert.ThrowsAny<SmtpException>(() => Send(letterId, $"<{letterId}@bounces.example.com>", "a@patients.test"));
            Assert.False(PostfixServer.AnswersWithBanner());
        }
        finally
        {
            PostfixServer.Start();
        }

        Send(letterId, $"<{letterId}@bounces.example.com>", "a@patients.test");
        Assert.Single(PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, 1, s_wait));
    }

    private static string NewLetterId() =>
        "TEST-DK-" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static void Send(string letterId, string messageId, string to)
    {
        using var client = new SmtpClient(PostfixServer.Host, PostfixServer.Port)
        {
            EnableSsl = false,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 10_000,
        };
        using var message = new MailMessage(new MailAddress("notices@example.com"), new MailAddress(to))
        {
            Sender = new MailAddress($"bounces+{letterId}@bounces.example.com"),
            Subject = "Vigtig sikkerhedsmeddelelse",
            Body = "Hej æøå",
            DeliveryNotificationOptions = DeliveryNotificationOptions.OnSuccess | DeliveryNotificationOptions.OnFailure,
        };
        message.Headers["Message-ID"] = messageId;
        client.Send(message);
    }
}
