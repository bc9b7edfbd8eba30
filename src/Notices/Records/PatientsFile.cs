using System.Globalization;

namespace Notices.Records;

/// <summary>Validates the rows of patients.csv into patients, reporting errors and warnings with their lines.</summary>
internal sealed class PatientsFile
{
    private readonly Dictionary<string, ParsedPatient> _byId = new(StringComparer.Ordinal);
    private readonly List<ParsedPatient> _patients = [];
    private readonly HashSet<string> _mentionedIds = new(StringComparer.Ordinal);

    private PatientsFile(bool usable) => Usable = usable;

    /// <summary>False when a required column is missing, so rows were not read.</summary>
    public bool Usable { get; }

    /// <summary>Valid patients, each patient_id once, in file order.</summary>
    public IReadOnlyList<ParsedPatient> Patients => _patients;

    /// <summary>Every non-empty patient_id in the file, also of rows with errors (so devices do not report them again).</summary>
    public IReadOnlySet<string> MentionedIds => _mentionedIds;

    public static PatientsFile Parse(CsvTable table, ImportIssueCollector issues)
    {
        var missing = RecordColumns.RequiredPatientColumns.Where(c => table.ColumnIndex(c) < 0).ToList();
        foreach (var column in missing)
        {
            issues.Error(table.File, table.HeaderLine, $"missing required column '{column}'");
        }

        var result = new PatientsFile(missing.Count == 0);
        if (result.Usable)
        {
            var columns = RecordColumns.PatientColumns.ToDictionary(c => c, table.ColumnIndex, StringComparer.Ordinal);
            foreach (var row in table.Rows)
            {
                result.ParseRow(table.File, row, columns, issues);
            }
        }

        return result;
    }

    private void ParseRow(string file, CsvLine row, Dictionary<string, int> columns, ImportIssueCollector issues)
    {
        string Field(string column) => row.Get(columns[column]);

        var id = Field(RecordColumns.PatientId);
        if (id.Length == 0)
        {
            issues.Error(file, row.Line, "missing patient_id");
            return;
        }

        _mentionedIds.Add(id);
        var ok = true;
        foreach (var required in (string[])[RecordColumns.FirstName, RecordColumns.LastName])
        {
            if (Field(required).Length == 0)
            {
                issues.Error(file, row.Line, $"missing {required} (patient_id '{id}')");
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
            issues.Error(file, row.Line, $"country '{country}' is not an ISO 3166 alpha-2 code such as DK (patient_id '{id}')");
            ok = false;
        }

        ok &= TryFlag(file, row.Line, id, RecordColumns.EmailConsent, Field(RecordColumns.EmailConsent), issues, out var consent);
        ok &= TryFlag(file, row.Line, id, RecordColumns.LargePrint, Field(RecordColumns.LargePrint), issues, out var largePrint);
        if (!ok)
        {
            return;
        }

        var email = Field(RecordColumns.Email);
        var emailValid = email.Length > 0 && EmailAddressRule.IsValid(email);
        if (email.Length > 0 && !emailValid)
        {
            issues.Warning(file, row.Line, $"email address is not valid; patient '{id}' will get the letter by post");
        }
        else if (email.Length == 0 && consent)
        {
            issues.Warning(file, row.Line, $"email_consent is yes but there is no email address; patient '{id}' will get the letter by post");
        }

        var patient = new Patient
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

        if (_byId.TryGetValue(id, out var earlier))
        {
            var differing = PatientData.DifferingColumns(earlier.Patient, patient);
            if (differing.Count == 0)
            {
                issues.Warning(file, row.Line, string.Create(CultureInfo.InvariantCulture,
                    $"patient_id '{id}' repeats line {earlier.Line} with identical data; imported once"));
            }
            else
            {
                issues.Error(file, row.Line, string.Create(CultureInfo.InvariantCulture,
                    $"duplicate patient_id '{id}': line {earlier.Line} has different data ({string.Join(", ", differing)})"));
            }

            return;
        }

        if (!patient.HasPostalAddress && !patient.CanReceiveEmail)
        {
            issues.Warning(file, row.Line,
                $"patient '{id}' has no complete postal address (address_line1, postal_code, city) and no consented valid email: unreachable");
        }

        var parsed = new ParsedPatient(patient, row.Line);
        _byId.Add(id, parsed);
        _patients.Add(parsed);
    }

    private static bool TryFlag(string file, int line, string id, string column, string value, ImportIssueCollector issues, out bool flag)
    {
        if (CsvBool.TryParse(value, out flag))
        {
            return true;
        }

        issues.Error(file, line, $"{column} '{value}' is not one of ja/nej/yes/no/true/false/1/0 (patient_id '{id}')");
        return false;
    }

    private static bool IsAlpha2(string code) => code.Length == 2 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
