using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>
/// A patient added to the notice's exclude_patients_file after the letter went out (deceased, taken over by their
/// clinic) must not be reminded: the list removes patients, not only from the first round.
/// </summary>
public sealed class RemindExclusionTests : IDisposable
{
    private readonly RemindWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void A_patient_excluded_after_the_letter_is_not_reminded_and_is_counted()
    {
        var notice = Path.Combine(_ws.Path, "notice");
        Directory.CreateDirectory(notice);
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, Path.Combine(notice, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(notice, "notice.yaml"), "\nexclude_patients_file: excluded.csv\n");
        File.WriteAllText(Path.Combine(notice, "excluded.csv"), "patient_id\nNOT-A-PATIENT\n");
        Assert.Equal(0, _ws.Run("approve", notice, "--by", "RA", "--db", "s.db").ExitCode);
        var send = _ws.Run("send", notice, "--db", "s.db", "--out", "out", "--date", "2026-11-21");
        Assert.True(send.ExitCode is 0 or 3, send.All);
        Assert.Equal(1, _ws.Scalar("SELECT COUNT(*) FROM letters WHERE PatientId = 'P0002' AND ReminderOf IS NULL"));

        File.WriteAllText(Path.Combine(notice, "excluded.csv"), "patient_id\nNOT-A-PATIENT\np0002\n");
        // The changed list is a changed package: it is approved again before the reminders go out.
        Assert.Equal(0, _ws.Run("approve", notice, "--by", "RA", "--db", "s.db").ExitCode);
        var remind = _ws.Run(RemindWorkspace.RemindArgs(RemindWorkspace.Today(40), "--notice", notice));

        Assert.True(remind.ExitCode is 0 or 3, remind.All);
        Assert.Equal(0, _ws.Scalar("SELECT COUNT(*) FROM letters WHERE PatientId = 'P0002' AND ReminderOf IS NOT NULL"));
        Assert.True(_ws.Scalar("SELECT COUNT(*) FROM letters WHERE ReminderOf IS NOT NULL") > 0, remind.All);
        Assert.Contains("excluded (excluded.csv)", remind.StdOut, StringComparison.Ordinal);
    }
}
