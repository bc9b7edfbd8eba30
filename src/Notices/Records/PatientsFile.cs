using Notices.Model;
using System.Globalization;

namespace Notices.Records;

/// <summary>
/// Validates the rows of patients.csv one at a time and writes each valid patient through the <see cref="ImportSession"/>,
/// reporting errors and warnings with their lines.
/// </summary>
internal sealed class PatientsFile
{
    private readonly CsvFile _file;
    private readonly ImportSession _session;
    private readonly ImportIssueCollector _issues;
    private readonly ImportCounts _counts;
    private readonly DateTimeOffset _now;
    private readonly Dictionary<string, int> _columns;

    private PatientsFile(CsvFile file, ImportSession session, ImportIssueCollector issues, ImportCounts counts, DateTimeOffset now)
    {
        _file = file;
        _session = session;
        _issues = issues;
        _counts = counts;
        _now = now;
        _columns = RecordColumns.PatientColumns.ToDictionary(c => c, file.ColumnIndex, StringComparer.Ordinal);
    }

    /// <summary>Reads every row of <paramref name="file"/>; false when a required column is missing, so no row was read.</summary>
    public static bool Import(CsvFile file, ImportSession session, ImportIssueCollector issues, ImportCounts counts, DateTimeOffset now)
    {
        var missing = RecordColumns.RequiredPatientColumns.Where(c => file.ColumnIndex(c) < 0).ToList();
        foreach (var column in missing)
        {
            issues.Error(file.File, file.HeaderLine, $"missing required column '{column}'");
        }

        if (missing.Count > 0)
        {
            return false;
        }

        var reader = new PatientsFile(file, session, issues, counts, now);
        foreach (var row in file.Rows())
        {
            reader.ImportRow(row);
        }

        return true;
    }

    private void ImportRow(CsvLine row)
    {
        var id = row.Get(_columns[RecordColumns.PatientId]);
        if (id.Length == 0)
        {
            _issues.Error(_file.File, row.Line, "missing patient_id");
            return;
        }

        var patient = Parse(row, id);
        var key = PatientIdKey.Of(id);

        // The common case, an id nothing has yet: one statement to note it, one to write the patient. A row with
        // errors is noted all the same, so that devices.csv does not report its patient as unknown on top.
        if (_session.TryAddId(key, id, row.Line, imported: patient is not null))
        {
            if (patient is not null)
            {
                Write(patient, stored: null, row.Line);
            }

            return;
        }

        var known = _session.FindId(key)!;
        if (!string.Equals(known.PatientId, id, StringComparison.Ordinal))
        {
            var where = known.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"on line {known.Line}") : "already in the store";
            _issues.Error(_file.File, row.Line,
                $"patient_id '{id}' differs only in case from '{known.PatientId}' {where}: one patient or two? Write the id the same way everywhere");
            return;
        }

        if (patient is null)
        {
            return;
        }

        if (known.Imported)
        {
            Repeat(row.Line, known.Line, _session.ReadPatient(id)!, patient);
            return;
        }

        // The store has the patient (or an earlier row for it had errors, and then the import fails anyway).
        Write(patient, _session.ReadPatient(id), row.Line);
        _session.RememberImported(key, id, row.Line);
    }

    /// <summary>Writes the first valid row of a patient, unless the store holds exactly its data already.</summary>
    private void Write(Patient patient, Patient? stored, int line)
    {
        if (!patient.HasPostalAddress && !patient.CanReceiveEmail)
        {
            _issues.Warning(_file.File, line,
                $"patient '{patient.PatientId}' has no complete postal address (address_line1, postal_code, city) and no consented valid email: unreachable");
        }

        if (stored is not null && PatientData.DifferingColumns(stored, patient).Count == 0 && stored.EmailValid == patient.EmailValid)
        {
            _counts.Unchanged++;
            return;
        }

        if (stored is null)
        {
            _counts.Added++;
        }
        else
        {
            _counts.Updated++;
        }

        patient.UpdatedAt = _now;
        _session.WritePatient(patient);
    }

    private void Repeat(int line, int earlierLine, Patient earlier, Patient patient)
    {
        var differing = PatientData.DifferingColumns(earlier, patient);
        if (differing.Count == 0)
        {
            _issues.Warning(_file.File, line, string.Create(CultureInfo.InvariantCulture,
                $"patient_id '{patient.PatientId}' repeats line {earlierLine} with identical data; imported once"));
        }
        else
        {
            _issues.Error(_file.File, line, string.Create(CultureInfo.InvariantCulture,
                $"duplicate patient_id '{patient.PatientId}': line {earlierLine} has different data ({string.Join(", ", differing)})"));
        }
    }

    /// <summary>The row as a patient, or null (with the errors reported) when a field is invalid.</summary>
    private Patient? Parse(CsvLine row, string id)
    {
        string Field(string column) => row.Get(_columns[column]);

        var ok = true;
        foreach (var required in (string[])[RecordColumns.FirstName, RecordColumns.LastName])
        {
            if (Field(required).Length == 0)
            {
                _issues.Error(_file.File, row.Line, $"missing {required} (patient_id '{id}')");
                ok = false;
            }
        }

        var country = Field(RecordColumns.Country).ToUpperInvariant();
        if (country.Length == 0)
        {
            country = "DK";
        }
        else if (!IsAlpha2(country))
        {
            _issues.Error(_file.File, row.Line, $"country '{country}' is not an ISO 3166 alpha-2 code such as DK (patient_id '{id}')");
            ok = false;
        }

        ok &= TryFlag(row.Line, id, RecordColumns.EmailConsent, Field(RecordColumns.EmailConsent), out var consent);
        ok &= TryFlag(row.Line, id, RecordColumns.LargePrint, Field(RecordColumns.LargePrint), out var largePrint);
        if (!ok)
        {
            return null;
        }

        var email = Field(RecordColumns.Email);
        var emailValid = email.Length > 0 && EmailAddressRule.IsValid(email);
        if (email.Length > 0 && !emailValid)
        {
            _issues.Warning(_file.File, row.Line, $"email address is not valid; patient '{id}' will get the letter by post");
        }
        else if (email.Length == 0 && consent)
        {
            _issues.Warning(_file.File, row.Line, $"email_consent is yes but there is no email address; patient '{id}' will get the letter by post");
        }

        return new Patient
        {
            PatientId = id,
            FirstName = Field(RecordColumns.FirstName),
            LastName = Field(RecordColumns.LastName),
            AddressLine1 = NullIfEmpty(Field(RecordColumns.AddressLine1)),
            AddressLine2 = NullIfEmpty(Field(RecordColumns.AddressLine2)),
            PostalCode = NullIfEmpty(Field(RecordColumns.PostalCode)),
            City = NullIfEmpty(Field(RecordColumns.City)),
            Country = country,
            Email = NullIfEmpty(email),
            EmailConsent = consent,
            EmailValid = emailValid,
            LargePrint = largePrint,
        };
    }

    private bool TryFlag(int line, string id, string column, string value, out bool flag)
    {
        if (CsvBool.TryParse(value, out flag))
        {
            return true;
        }

        _issues.Error(_file.File, line, $"{column} '{value}' is not one of ja/nej/yes/no/true/false/1/0 (patient_id '{id}')");
        return false;
    }

    private static bool IsAlpha2(string code) => code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
