using Notices.Records;
using Xunit;

namespace Notices.Tests.Records;

/// <summary>Structural errors: listed with file, line and reason, and the store is left exactly as it was.</summary>
public sealed class RecordsImportErrorTests : IDisposable
{
    private const string H = RecordsTestStore.PatientsHeader;
    private const string DevicesHeader = "patient_id;manufacturer;model;serial_number;software_version";
    private readonly RecordsTestStore _store = new();

    public RecordsImportErrorTests() => _store.SeedBaseline();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Missing_required_column_is_reported_once_on_line_1()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            "patient_id;first_name;city",
            "P1;Jens;Aarhus C",
            "P2;Mette;Vejle",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new ImportIssue("patients.csv", 1, "missing required column 'last_name'", true), error);
        Assert.Equal("patients.csv:1: missing required column 'last_name'", error.ToString());
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Duplicate_patient_id_with_different_data_names_both_lines()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær;Skovvej 9;;7100;Vejle;DK;;nej;nej",
            "P1;Jens;Hansen;Bøgevej 4;;8000;Aarhus C;DK;;nej;nej",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal("patients.csv", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("duplicate patient_id 'P1'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Reason, StringComparison.Ordinal);
        Assert.Contains("address_line1", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, result.PatientsAdded);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Identical_duplicate_is_a_warning_and_imported_once()
    {
        var row = "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej";
        var patients = _store.WriteFile("patients.csv", [H, row, row]);

        var result = _store.Import(patients, null);

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("patients.csv", 3), (warning.File, warning.Line));
        Assert.Contains("repeats line 2", warning.Reason, StringComparison.Ordinal);
        Assert.Equal(1, result.PatientsAdded);
    }

    [Fact]
    public void Empty_patient_id_is_an_error_with_its_line()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej",
            "  ;Mette;Kjær;Skovvej 9;;7100;Vejle;DK;;nej;nej",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        Assert.Equal([new ImportIssue("patients.csv", 3, "missing patient_id", true)], result.Errors);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Device_of_unknown_patient_is_an_error_but_a_patient_already_in_the_store_is_known()
    {
        var patients = _store.WriteFile("patients.csv", [H, "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = _store.WriteFile("devices.csv",
        [
            DevicesHeader,
            "P1;Medtronic;Paradigm 512;NG1;2.6A",
            "S2;Medtronic;Paradigm 712;NG2;",
            "X9;Medtronic;Paradigm 515;NG3;2.7A",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("devices.csv", 4), (error.File, error.Line));
        Assert.Equal("unknown patient: patient_id 'X9' is neither in patients.csv nor in the store", error.Reason);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Unclosed_quote_is_an_unreadable_row_with_its_line()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær;\"Skovvej 9;;7100;Vejle;DK;;nej;nej",
            "P3;Ida;Møller;Åboulevard 1;;8000;Aarhus C;DK;;nej;nej",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("patients.csv", 3), (error.File, error.Line));
        Assert.StartsWith("unreadable row: a quoted field is never closed", error.Reason, StringComparison.Ordinal);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Unclosed_quote_in_a_large_file_stops_at_one_mebibyte_instead_of_buffering_the_file()
    {
        var lines = new List<string> { H, "P1;Jens;\"Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej" };
        lines.AddRange(Enumerable.Range(2, 40_000).Select(n => $"P{n};Mette;Kjær;Skovvej 9;;7100;Vejle;DK;;nej;nej"));
        var patients = _store.WriteFile("patients.csv", lines);
        var before = _store.Snapshot();

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("patients.csv", 2), (error.File, error.Line));
        Assert.StartsWith("unreadable row: longer than 1 MiB", error.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Wrong_field_count_is_an_unreadable_row_and_line_numbers_count_multi_line_fields()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            "P1;Jens;Hansen;\"Bøgevej 2",
            "baghuset\";;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær;Skovvej 9;7100;Vejle",
        ]);

        var result = _store.Import(patients, null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("patients.csv", 4), (error.File, error.Line));
        Assert.Equal("unreadable row: the number of fields differs from the header", error.Reason);
    }

    [Fact]
    public void All_errors_of_both_files_are_collected()
    {
        var patients = _store.WriteFile("patients.csv",
        [
            H,
            ";Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej",
            "P2;Mette;Kjær;Skovvej 9;;7100;Vejle;Danmark;;nej;nej",
            "P3;Ida;Møller;Åboulevard 1;;8000;Aarhus C;DK;;måske;nej",
            "P4;;Møller;Åboulevard 1;;8000;Aarhus C;DK;;nej;nej",
        ]);
        var devices = _store.WriteFile("devices.csv",
        [
            DevicesHeader,
            "P4;Medtronic;Paradigm 512;;2.6A",
            "Z1;Medtronic;Paradigm 512;NG9;2.6A",
        ]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        Assert.Equal(
        [
            "patients.csv:2: missing patient_id",
            "patients.csv:3: country 'DANMARK' is not an ISO 3166 alpha-2 code such as DK (patient_id 'P2')",
            "patients.csv:4: email_consent 'måske' is not one of ja/nej/yes/no/true/false/1/0 (patient_id 'P3')",
            "patients.csv:5: missing first_name (patient_id 'P4')",
            "devices.csv:2: missing serial_number (patient_id 'P4')",
            "devices.csv:3: unknown patient: patient_id 'Z1' is neither in patients.csv nor in the store",
        ], result.Errors.Select(e => e.ToString()));
        Assert.Equal(6, result.TotalErrors);
        Assert.All(result.Errors, e => Assert.True(e.IsError));
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Error_in_devices_file_stops_the_valid_patients_file_too()
    {
        var patients = _store.WriteFile("patients.csv", [H, "P1;Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej"]);
        var devices = _store.WriteFile("devices.csv", ["patient_id;model", "P1;Paradigm 512"]);
        var before = _store.Snapshot();

        var result = _store.Import(patients, devices);

        Assert.Equal([new ImportIssue("devices.csv", 1, "missing required column 'serial_number'", true)], result.Errors);
        Assert.Equal(0, result.PatientsAdded);
        Assert.Equal(before, _store.Snapshot());
    }

    [Fact]
    public void Error_list_is_capped_but_all_errors_are_counted()
    {
        var lines = new List<string> { H };
        lines.AddRange(Enumerable.Range(0, 250).Select(_ => ";Jens;Hansen;Bøgevej 2;;8000;Aarhus C;DK;;nej;nej"));
        var patients = _store.WriteFile("patients.csv", lines);

        var result = _store.Import(patients, null);

        Assert.Equal(ImportResult.MaxListedIssues, result.Errors.Count);
        Assert.Equal(250, result.TotalErrors);
        Assert.Equal(201, result.Errors[^1].Line);
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        var result = _store.Import(Path.Combine(_store.Directory, "nope.csv"), null);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("nope.csv", 0), (error.File, error.Line));
        Assert.StartsWith("cannot read the file", error.Reason, StringComparison.Ordinal);
    }
}
