using System.Globalization;
using Notices.Model;
using Notices.Tests.Delivery.Smtp;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>
/// Reminders through the real test Postfix: a campaign sent by SMTP, then reminded by SMTP. The patients' addresses
/// carry a tag of this run, so other tests' mail in the shared Maildir is told apart without clearing it.
/// </summary>
[Collection(PostfixCollection.Name)]
public sealed class RemindPostfixTests : IDisposable
{
    private const int Patients = 12;
    private const int Refused = 3;
    private static readonly string Tag = Guid.NewGuid().ToString("N")[..10];
    private readonly RemindWorkspace _ws;

    public RemindPostfixTests()
    {
        PostfixServer.EnsureRunning();
        _ws = new RemindWorkspace(dir => SmtpCampaignData.Write(dir, Patients, Address));
    }

    public void Dispose() => _ws.Dispose();

    private static string Address(int n) => n == Refused
        ? string.Create(CultureInfo.InvariantCulture, $"nobody-{Tag}@strict.patients.test") // refused at RCPT: 550 5.1.1
        : string.Create(CultureInfo.InvariantCulture, $"r{n}-{Tag}@patients.test");

    [Fact]
    public void Each_due_patient_gets_one_reminder_message_and_the_refused_one_is_reminded_by_post()
    {
        // Without the print fallback the refused letter stays failed by email, so remind must switch it to post.
        var send = _ws.Run([.. SmtpCampaignWorkspace.SendArgs(PostfixServer.SmtpUrl), "--no-print-fallback"]);
        Assert.True(send.ExitCode == 3, send.All);
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        var sent = _ws.Project();
        var refusedLetter = Assert.Single(sent.Letters, l => l.State == LetterDeliveryState.Failed);
        var emailed = sent.Letters.Where(l => l.State == LetterDeliveryState.Sent).Select(l => l.LetterId).ToList();
        Assert.Equal(Enumerable.Range(1, Patients).Count(SmtpCampaignData.HasEmail) - 1, emailed.Count); // all consented but the refused
        Assert.Equal(emailed.Count, Messages().Count(m => !m.Reminder));

        var remind = _ws.Remind(RemindWorkspace.Today(31), "--smtp", PostfixServer.SmtpUrl);
        Assert.True(remind.ExitCode == 0, remind.All);
        Assert.Matches(@"switched channel \(bounced or returned\)\s*│\s*1\b", remind.StdOut);
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        PostfixServer.WaitForMessages(PostfixServer.PatientsMaildir, 2 * emailed.Count, TimeSpan.FromSeconds(30));

        var reminders = Messages().Where(m => m.Reminder).ToList();
        Assert.Equal(emailed.Count, reminders.Count);
        Assert.Equal(emailed.Count, reminders.Select(m => m.To).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(emailed.Select(id => id + "-R1").Order(StringComparer.Ordinal),
            _ws.Project().Reminders.Where(r => r.State == LetterDeliveryState.Sent).Select(r => r.LetterId).Order(StringComparer.Ordinal));
        var byPost = Assert.Single(_ws.Project().Reminders, r => r.ReminderOf == refusedLetter.LetterId);
        Assert.Equal(LetterDeliveryState.Printed, byPost.State);
        Assert.Contains(refusedLetter.LetterId + "-R1", _ws.Delivered(1));

        // Run again in the same round: no new message.
        var again = _ws.Remind(RemindWorkspace.Today(31), "--smtp", PostfixServer.SmtpUrl);
        Assert.True(again.ExitCode == 0, again.All);
        PostfixServer.WaitForQueueEmpty(TimeSpan.FromSeconds(60));
        Assert.Equal(emailed.Count, Messages().Count(m => m.Reminder));
        Assert.Equal(0, _ws.Run("verify", "--db", "s.db").ExitCode);
    }

    /// <summary>This test's messages in the patients Maildir: recipient and whether the subject marks a reminder.</summary>
    private static List<(string To, bool Reminder)> Messages()
    {
        var mine = new List<(string, bool)>();
        foreach (var file in PostfixServer.MessageFiles(PostfixServer.PatientsMaildir))
        {
            var message = PostfixServer.LoadMessage(file);
            var to = message.Headers.GetValueOrDefault("to", "");
            if (!to.Contains(Tag, StringComparison.Ordinal))
            {
                continue;
            }

            mine.Add((to, MimeWords.Decode(message.Headers.GetValueOrDefault("subject", "")).StartsWith("Påmindelse: ", StringComparison.Ordinal)));
        }

        return mine;
    }
}
