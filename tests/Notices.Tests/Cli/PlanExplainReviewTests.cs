using System.Text;
using Notices.Tests.Campaigns;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Regressions from a hostile review of <c>plan --explain</c>.</summary>
public sealed class PlanExplainReviewTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// An id that is both a patient id and another patient's serial showed only the patient: the device with that
    /// serial could not be explained at all.
    /// </summary>
    [Fact]
    public void An_id_that_is_a_patient_and_another_patients_serial_explains_both()
    {
        File.WriteAllText(_dir.File("patients.csv"), "patient_id;first_name;last_name;address_line1;postal_code;city\n"
            + "RI2;Åse;Ærø;Kastanievej 15;8000;Aarhus C\n"
            + "P2;Bo;Berg;Vej 2;2100;København Ø\n", new UTF8Encoding(false));
        File.WriteAllText(_dir.File("devices.csv"), "patient_id;manufacturer;model;serial_number\n"
            + "RI2;Roche;Accu-Chek Insight;RI1\n"
            + "P2;Roche;Accu-Chek Insight;ri2\n");
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "n.db").ExitCode);
        Directory.CreateDirectory(_dir.File("notice"));
        File.WriteAllText(_dir.File("notice/serials.csv"), "serial_number\nRI2\n");
        var notice = ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                serials_file: serials.csv
            """);

        var run = CliRunner.Run(_dir.Path, "plan", notice, "--db", "n.db", "--explain", "RI2");

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Patient RI2: 1 device(s)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("Patient P2: 1 device(s)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("also", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("serial listed in serials.csv line 2", run.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Åse", run.All, StringComparison.Ordinal);
    }
}
