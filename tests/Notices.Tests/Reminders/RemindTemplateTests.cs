using Notices.Model;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>A notice package with reminder.md (a copy of the sample in a temp folder): its text is the reminder's.</summary>
public sealed class RemindTemplateTests : IDisposable
{
    private readonly RemindWorkspace _ws = new();
    private readonly string _notice;

    public RemindTemplateTests()
    {
        _notice = Path.Combine(_ws.Path, "notice");
        Directory.CreateDirectory(_notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(_notice, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Reminder_md_is_the_text_of_the_reminder_letter_and_email()
    {
        File.WriteAllText(Path.Combine(_notice, "reminder.md"),
            "Kære {{patient.first_name}}\n\nDette er påmindelse nummer {{reminder.number}} om vores brev af "
            + "{{reminder.first_letter_date}} (brev {{letter.id}}). Send venligst kvitteringen.\n");
        Assert.Equal(3, _ws.Run("send", "--unapproved", _notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21").ExitCode);
        var emailed = _ws.Project().Letters.First(l => l.State == LetterDeliveryState.Sent).LetterId;

        var remind = _ws.Remind(RemindWorkspace.Today(31));

        Assert.True(remind.ExitCode == 0, remind.All);
        var pdf = Poppler.RawText(Path.Combine(_ws.Out("letters"), emailed + "-R1.pdf"));
        Assert.Contains("påmindelse nummer 1 om vores brev af 21. november 2026", pdf.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains(emailed + "-R1", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("Hvad drejer det sig om?", pdf, StringComparison.Ordinal); // not the letter text
        var eml = EmlMessage.Load(Path.Combine(_ws.Out("email"), emailed + "-R1.eml"));
        Assert.Contains("påmindelse nummer 1", eml.TextPart("text/plain"), StringComparison.Ordinal);
        Assert.StartsWith("Påmindelse: ", MimeWords.Decode(eml.Headers["subject"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_in_reminder_md_stops_remind_before_anything_is_planned()
    {
        Assert.Equal(3, _ws.Run("send", "--unapproved", _notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21").ExitCode);
        File.WriteAllText(Path.Combine(_notice, "reminder.md"), "Hej\n\nRunde {{reminder.nummer}}\n");

        var remind = _ws.Remind(RemindWorkspace.Today(31));

        Assert.Equal(2, remind.ExitCode);
        Assert.Contains("reminder.md", remind.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, _ws.PlannedRows(1));
    }

    [Fact]
    public void A_moved_notice_package_is_named_and_found_again_with_notice()
    {
        Assert.Equal(3, _ws.Run("send", "--unapproved", _notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21").ExitCode);
        var moved = _notice + "-moved";
        Directory.Move(_notice, moved);

        var lost = _ws.Remind(RemindWorkspace.Today(31));
        var found = _ws.Remind(RemindWorkspace.Today(31), "--notice", moved);

        Assert.Equal(2, lost.ExitCode);
        Assert.Contains(_notice, lost.StdErr, StringComparison.Ordinal);
        Assert.Contains("--notice", lost.StdErr, StringComparison.Ordinal);
        Assert.True(found.ExitCode == 0, found.All);
        Assert.Equal(32, _ws.PlannedRows(1));
    }
}
