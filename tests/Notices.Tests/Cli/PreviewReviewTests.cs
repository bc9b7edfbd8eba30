using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Cli;

/// <summary>Regressions from a hostile review of <c>preview --patient</c>: ids as the import accepts them.</summary>
public sealed class PreviewReviewTests : IDisposable
{
    private const string Campaign = "fa830-minimed-dk";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Import(string patientId)
    {
        File.WriteAllText(_dir.File("patients.csv"), $"patient_id,first_name,last_name,address_line1,postal_code,city\n{patientId},Ib,Holm,Vejen 1,8000,Aarhus C\n");
        File.WriteAllText(_dir.File("devices.csv"), $"patient_id,manufacturer,model,serial_number\n{patientId},Medtronic,MiniMed 508,SER-REVIEW\n");
        var import = CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "r.db");
        Assert.True(import.ExitCode == 0, import.All);
    }

    private string ProofDir => Path.Combine(_dir.Path, "o", Campaign, "preview");

    /// <summary>A 300-character id imports fine; its proof failed with exit 1 and "path too long".</summary>
    [Fact]
    public void A_very_long_patient_id_gets_a_proof_with_a_file_name_the_file_system_takes()
    {
        var id = new string('Q', 300);
        Import(id);

        var run = CliRunner.Run(_dir.Path, "preview", RepoPaths.SampleNotice, "--patient", id, "--db", "r.db", "--out", "o", "--large-print");
        Assert.True(run.ExitCode == 0, run.All);
        var pdf = Assert.Single(Directory.GetFiles(ProofDir, "*.pdf"));
        Assert.True(Path.GetFileName(pdf).Length < 200, pdf);
        Assert.EndsWith("-large-print.pdf", pdf, StringComparison.Ordinal);
        Assert.Contains("SER-REVIEW", Poppler.RawText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_long_ids_that_differ_only_at_the_end_get_two_proofs()
    {
        var a = new string('Q', 250) + "A";
        var b = new string('Q', 250) + "B";
        File.WriteAllText(_dir.File("patients.csv"), $"patient_id,first_name,last_name,address_line1,postal_code,city\n{a},Ib,Holm,Vejen 1,8000,Aarhus C\n{b},Bo,Holm,Vejen 2,8000,Aarhus C\n");
        File.WriteAllText(_dir.File("devices.csv"), $"patient_id,manufacturer,model,serial_number\n{a},Medtronic,MiniMed 508,S1\n{b},Medtronic,MiniMed 508,S2\n");
        Assert.Equal(0, CliRunner.Run(_dir.Path, "import", "--patients", "patients.csv", "--devices", "devices.csv", "--db", "r.db").ExitCode);

        Assert.Equal(0, CliRunner.Run(_dir.Path, "preview", RepoPaths.SampleNotice, "--patient", a, "--db", "r.db", "--out", "o").ExitCode);
        Assert.Equal(0, CliRunner.Run(_dir.Path, "preview", RepoPaths.SampleNotice, "--patient", b, "--db", "r.db", "--out", "o").ExitCode);
        Assert.Equal(2, Directory.GetFiles(ProofDir, "*.pdf").Length);
    }

    /// <summary>The import and plan --explain take patient ids with case ignored; preview said "no patient 'p7ab'".</summary>
    [Fact]
    public void A_patient_id_typed_in_another_case_finds_the_patient_as_plan_explain_does()
    {
        Import("P7ab");

        var run = CliRunner.Run(_dir.Path, "preview", RepoPaths.SampleNotice, "--patient", "p7AB", "--db", "r.db", "--out", "o");
        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("P7ab", run.StdOut, StringComparison.Ordinal);
        Assert.Equal("P7ab.pdf", Path.GetFileName(Assert.Single(Directory.GetFiles(ProofDir, "*.pdf"))));
    }
}
