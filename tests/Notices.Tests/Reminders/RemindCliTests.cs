using Notices.Model;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>Reminder rounds through the real CLI on the sample campaign, email written to the pickup directory.</summary>
public sealed class RemindCliTests : IDisposable
{
    private readonly RemindWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Every_unacknowledged_reached_patient_gets_one_reminder_per_round_and_nothing_twice()
    {
        Assert.Equal(3, _ws.Send().ExitCode); // one sample patient is unreachable
        var sent = _ws.Project();
        var emailed = sent.Letters.First(l => l.State == LetterDeliveryState.Sent).LetterId;
        var posted = sent.Letters.First(l => l.State == LetterDeliveryState.Printed).LetterId;
        _ws.Acknowledge(emailed, posted);
        var statusBefore = _ws.Run("status", RemindWorkspace.Campaign, "--db", "s.db").StdOut;
        var reached = _ws.Project().Letters
            .Where(l => l.Acknowledgement is null && l.State is LetterDeliveryState.Sent or LetterDeliveryState.Printed)
            .ToDictionary(l => l.LetterId, l => l.State, StringComparer.Ordinal);
        Assert.Equal(30, reached.Count);

        var round1 = _ws.Remind(RemindWorkspace.Today(31));

        Assert.True(round1.ExitCode == 0, round1.All);
        Assert.Matches(@"due for a reminder in this round\s*│\s*30\b", round1.StdOut);
        Assert.Matches(@"already acknowledged\s*│\s*2\b", round1.StdOut);
        Assert.Equal(reached.Keys.Select(id => id + "-R1").Order(StringComparer.Ordinal), _ws.Delivered(1));
        foreach (var (id, state) in reached)
        {
            var reminder = id + "-R1";
            var file = state == LetterDeliveryState.Sent ? Path.Combine(_ws.Out("email"), reminder + ".eml") : null;
            Assert.True(file is null || File.Exists(file), $"{reminder} was not emailed like its original");
        }

        var pdf = Poppler.RawText(Path.Combine(_ws.Out("letters"), reached.Keys.First() + "-R1.pdf"));
        Assert.Contains("Påmindelse", pdf, StringComparison.Ordinal);
        Assert.Contains("21. november 2026", pdf, StringComparison.Ordinal); // the first letter's date
        Assert.DoesNotContain(emailed + "-R1", _ws.Delivered(1));
        Assert.False(File.Exists(Path.Combine(_ws.Out("letters"), emailed + "-R1.pdf")));
        Assert.False(File.Exists(Path.Combine(_ws.Out("letters"), posted + "-R1.pdf")));
        var eml = EmlMessage.Load(Path.Combine(_ws.Out("email"), reached.First(r => r.Value == LetterDeliveryState.Sent).Key + "-R1.eml"));
        Assert.StartsWith("Påmindelse: ", MimeWords.Decode(eml.Headers["subject"]), StringComparison.Ordinal);
        Assert.Contains("Påmindelse", eml.TextPart("text/plain"), StringComparison.Ordinal);

        // The same round again: nothing new is planned, written or recorded.
        var rows = _ws.Scalar("SELECT COUNT(*) FROM ledger");
        var again = _ws.Remind(RemindWorkspace.Today(31));
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Matches(@"due for a reminder in this round\s*│\s*0\b", again.StdOut);
        Assert.Equal(rows, _ws.Scalar("SELECT COUNT(*) FROM ledger"));
        Assert.Equal(30, _ws.Delivered(1).Count);

        // A month after the first reminder: round two, one each.
        var round2 = _ws.Remind(RemindWorkspace.Today(62));
        Assert.True(round2.ExitCode == 0, round2.All);
        Assert.Equal(reached.Keys.Select(id => id + "-R2").Order(StringComparer.Ordinal), _ws.Delivered(2));
        Assert.Equal(30, _ws.Delivered(1).Count);

        // send still sees one letter per patient: the reminders are not new letters to make.
        var sendAgain = _ws.Send();
        Assert.Equal(3, sendAgain.ExitCode);
        Assert.Matches(@"rendered in this run\s*│\s*0\b", sendAgain.StdOut);
        Assert.Matches(@"affected patients\s*│\s*33\b", sendAgain.StdOut);

        var verify = _ws.Run("verify", "--db", "s.db");
        Assert.True(verify.ExitCode == 0, verify.All);
        var statusAfter = _ws.Run("status", RemindWorkspace.Campaign, "--db", "s.db").StdOut;
        Assert.Equal(StateRows(statusBefore), StateRows(statusAfter));
        Assert.Equal(33, _ws.Project().Total);
    }

    [Fact]
    public void Bad_usage_is_refused_with_exit_2()
    {
        Assert.Equal(3, _ws.Send().ExitCode);

        var noAfter = _ws.Run("remind", "--unapproved", RemindWorkspace.Campaign, "--db", "s.db");
        var zero = _ws.Run("remind", "--unapproved", RemindWorkspace.Campaign, "--after", "0d", "--db", "s.db");
        var unknown = _ws.Run("remind", "--unapproved", "no-such-campaign", "--after", "30d", "--db", "s.db");
        var printer = _ws.Run("remind", "--unapproved", RemindWorkspace.Campaign, "--after", "30d", "--printer", "office/2", "--db", "s.db");
        var moved = _ws.Run("remind", "--unapproved", RemindWorkspace.Campaign, "--after", "30d", "--notice", "nowhere", "--db", "s.db");

        Assert.Equal(2, noAfter.ExitCode);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--after", zero.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains(RemindWorkspace.Campaign, unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, printer.ExitCode); // not a CUPS queue name: refused before anything is sent
        Assert.Contains("--printer", printer.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, moved.ExitCode);
        Assert.Contains("nowhere", moved.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", zero.All + unknown.All + moved.All, StringComparison.Ordinal);
        var help = _ws.Run("remind", "--help");
        Assert.Contains("Example: notices remind", help.StdOut, StringComparison.Ordinal);
    }

    private static string StateRows(string status) =>
        string.Join('\n', status.Split('\n').Where(l => Enum.GetNames<LetterDeliveryState>().Any(s => l.Contains("│ " + s + " ", StringComparison.Ordinal))));
}
