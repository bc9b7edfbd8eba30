using Notices.Model;

namespace Notices.Records;

/// <summary>Compares and copies the imported data fields of patients (not the store bookkeeping such as UpdatedAt).</summary>
internal static class PatientData
{
    /// <summary>The CSV column names whose values differ between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static IReadOnlyList<string> DifferingColumns(Patient a, Patient b)
    {
        var differing = new List<string>();
        void Check(string column, string? x, string? y)
        {
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                differing.Add(column);
            }
        }

        Check(RecordColumns.FirstName, a.FirstName, b.FirstName);
        Check(RecordColumns.LastName, a.LastName, b.LastName);
        Check(RecordColumns.AddressLine1, a.AddressLine1, b.AddressLine1);
        Check(RecordColumns.AddressLine2, a.AddressLine2, b.AddressLine2);
        Check(RecordColumns.PostalCode, a.PostalCode, b.PostalCode);
        Check(RecordColumns.City, a.City, b.City);
        Check(RecordColumns.Country, a.Country, b.Country);
        Check(RecordColumns.Email, a.Email, b.Email);
        if (a.EmailConsent != b.EmailConsent)
        {
            differing.Add(RecordColumns.EmailConsent);
        }

        if (a.LargePrint != b.LargePrint)
        {
            differing.Add(RecordColumns.LargePrint);
        }

        // EmailValid follows from Email, so it is not compared separately.
        return differing;
    }

    /// <summary>Copies the imported fields of <paramref name="source"/> onto <paramref name="target"/>.</summary>
    public static void CopyTo(Patient source, Patient target)
    {
        target.FirstName = source.FirstName;
        target.LastName = source.LastName;
        target.AddressLine1 = source.AddressLine1;
        target.AddressLine2 = source.AddressLine2;
        target.PostalCode = source.PostalCode;
        target.City = source.City;
        target.Country = source.Country;
        target.Email = source.Email;
        target.EmailConsent = source.EmailConsent;
        target.EmailValid = source.EmailValid;
        target.LargePrint = source.LargePrint;
    }
}
