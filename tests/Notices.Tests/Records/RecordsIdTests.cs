using Notices.Model;
using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>Patient ids: NFC-normalised and trimmed in both files; ids that differ only in case are a conflict.</summary>
public sealed class RecordsIdTests : IDisposable
{
    private const string H = RecordsTestStore.PatientsHeader;
    private const string DevicesHeader = "patient_id;manufacturer;model;serial_number;software_version";
    private const string Nfc = "\u00C5S-17"; // Å as one code point
    private const string Nfd = "A\u030AS-17"; // A + combining ring above
    private readonly RecordsTestStore _store = new();

    public RecordsIdTests() => _store.SeedBaseline();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Nfc_and_nfd_forms_of_an_id_are_one_patient_in_both_files_and_on_reimport()
    {
        var patients = _store.WriteFile("patients.csv", [H, $"{Nfc};Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = _store.WriteFile("devices.csv", [DevicesHeader, $" {Nfd}\u00A0;Medtronic;Paradigm 522;NG1;2.6A"]);

        var first = _store.Import(patients, devices);

        Assert.True(first.Succeeded, string.Join("\n", first.Errors));
        Assert.Equal("NG1", Assert.Single(_store.Devices(Nfc)).SerialNumber);

        var again = _store.WriteFile("patients-nfd.csv", [H, $"  {Nfd} ;Jens;Hansen;Vej 2;;8000;Aarhus C;DK;;nej;nej"]);
        var second = _store.Import(again, null);

        Assert.True(second.Succeeded, string.Join("\n", second.Errors));
        Assert.Equal((0, 1), (second.PatientsAdded, second.PatientsUpdated));
        Assert.Equal("Vej 2", _store.Patient(Nfc).AddressLine1);
        Assert.DoesNotContain(Nfd, _store.Snapshot(), StringComparison.Ordinal);
    }

    [Fact]
    public void Nfd_repeat_of_an_nfc_id_in_patients_csv_is_the_same_patient()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            $"{Nfc};Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
            $"{Nfd};Jens;Hansen;Vej 9;;8000;Aarhus C;DK;;nej;nej",
        ]);

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("duplicate patient_id", error.Reason, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_that_differ_only_in_case_in_patients_csv_are_a_conflict_naming_both_lines()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "ab-7;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær;Skovvej 9;;7100;Vejle;DK;;nej;nej",
            "AB-7;Ida;Holm;Vej 3;;8000;Aarhus C;DK;;nej;nej",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("patients.csv", 4), (error.File, error.Line));
        Assert.Contains("'AB-7'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("'ab-7'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
        Assert.Contains("case", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Non_ascii_case_variants_are_a_conflict_too()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "ærø-1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
            "ÆRØ-1;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej",
        ]);

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_id_that_differs_only_in_case_from_its_patient_is_a_conflict()
    {
        var patients = _store.WriteFile("patients.csv", [H, "ab-7;Jens;Hansen;Vej 1;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = _store.WriteFile("devices.csv", [DevicesHeader, "ab-7;Medtronic;Paradigm 522;NG1;2.6A", "AB-7;Medtronic;Paradigm 722;NG2;2.6A"]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("devices.csv", 3), (error.File, error.Line));
        Assert.Contains("'AB-7'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("patients.csv line 2", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void An_id_that_differs_only_in_case_from_a_patient_in_the_store_is_a_conflict()
    {
        // The baseline store holds S1.
        var patients = _store.WriteFile("patients.csv", [H, "s1;Søren;Østergaard;Vej 1;;8000;Aarhus C;DK;;nej;nej"]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("'S1'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("store", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }
}
