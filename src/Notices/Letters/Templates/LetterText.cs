using System.Globalization;
using System.Text;
using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>
/// Cleans the patient and device text a letter is made from. A TAB, CR, LF, NUL or other control character, and the
/// Unicode line and paragraph separators (U+2028, U+2029), become one space: the font has no glyph for them, and a
/// line break inside a name would break the window address block. Import normalises new data the same way; this
/// guards letters made from an older store or snapshot. A lone UTF-16 surrogate becomes U+FFFD.
/// </summary>
public static class LetterText
{
    /// <summary>True when <paramref name="c"/> is one of the characters <see cref="Clean(string?)"/> turns into a space.</summary>
    public static bool IsSpaceLike(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>True when <see cref="Clean(string?)"/> would change <paramref name="value"/>.</summary>
    public static bool NeedsCleaning(string? value)
    {
        if (value is null)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSpaceLike(c))
            {
                return true;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsSurrogatePair(value, i))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    /// <summary>
    /// The value with every control character and line separator as a space, runs of white space as one space, and
    /// the ends trimmed. A value that needs no cleaning is returned as it is (same instance, spacing untouched).
    /// </summary>
    public static string? Clean(string? value)
    {
        if (!NeedsCleaning(value))
        {
            return value;
        }

        var builder = new StringBuilder(value!.Length);
        var pendingSpace = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsSpaceLike(c) || char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsSurrogatePair(value, i))
                {
                    builder.Append(c).Append(value[++i]);
                }
                else
                {
                    builder.Append('\uFFFD');
                }

                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The letter with every recipient and device field cleaned; the same instance when nothing needs it.</summary>
    public static PlannedLetter Clean(PlannedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!Fields(letter).Any(f => NeedsCleaning(f.Value)))
        {
            return letter;
        }

        var r = letter.Recipient;
        return letter with
        {
            Recipient = r with
            {
                PatientId = Clean(r.PatientId)!,
                FirstName = Clean(r.FirstName)!,
                LastName = Clean(r.LastName)!,
                AddressLine1 = Clean(r.AddressLine1),
                AddressLine2 = Clean(r.AddressLine2),
                PostalCode = Clean(r.PostalCode),
                City = Clean(r.City),
                Country = Clean(r.Country)!,
                Email = Clean(r.Email),
            },
            Devices = letter.Devices.Select(d => d with
            {
                Manufacturer = Clean(d.Manufacturer)!,
                Model = Clean(d.Model)!,
                SerialNumber = Clean(d.SerialNumber)!,
                SoftwareVersion = Clean(d.SoftwareVersion),
            }).ToList(),
        };
    }

    /// <summary>
    /// Every field of the patient's data that can reach the letter, named as in the import files (devices numbered
    /// from 1 in the letter's order). Ids and flags are left out: the program makes the letter id, and a patient id
    /// is only printed if a template asks for it, in which case it is checked with the rest.
    /// </summary>
    public static IEnumerable<(string Field, string? Value)> Fields(PlannedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var r = letter.Recipient;
        yield return ("patient_id", r.PatientId);
        yield return ("first_name", r.FirstName);
        yield return ("last_name", r.LastName);
        yield return ("address_line1", r.AddressLine1);
        yield return ("address_line2", r.AddressLine2);
        yield return ("postal_code", r.PostalCode);
        yield return ("city", r.City);
        yield return ("country", r.Country);
        yield return ("email", r.Email);
        var number = 0;
        foreach (var d in letter.Devices)
        {
            number++;
            var suffix = letter.Devices.Count > 1 ? " (device " + number.ToString(CultureInfo.InvariantCulture) + ")" : "";
            yield return ("manufacturer" + suffix, d.Manufacturer);
            yield return ("model" + suffix, d.Model);
            yield return ("serial_number" + suffix, d.SerialNumber);
            yield return ("software_version" + suffix, d.SoftwareVersion);
            yield return ("lot_number" + suffix, d.LotNumber);
            yield return ("udi_di" + suffix, d.UdiDi);
        }
    }
}
