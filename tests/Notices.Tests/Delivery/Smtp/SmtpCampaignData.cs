using System.Globalization;
using System.Text;

namespace Notices.Tests.Delivery.Smtp;

/// <summary>
/// Patients and devices for SMTP campaigns. Every patient has one affected pump (serial NG{n:D7}H, two for every 25th),
/// a Danish name with æøå and a postal address; four in five consent to email at p{n}@patients.test. Two addresses
/// are special: <see cref="RefusedPatient"/> is refused at RCPT (550 5.1.1) and <see cref="BouncingPatient"/> is
/// accepted and then bounced by Postfix.
/// </summary>
internal static class SmtpCampaignData
{
    public const string RefusedPatient = "P0003";
    public const string BouncingPatient = "P0007";

    private static readonly string[] FirstNames = ["Søren", "Åse", "Ærtebjørg", "Bjørn", "Mette", "Jens", "Lærke", "Øjvind"];
    private static readonly string[] LastNames = ["Ærø", "Østergård", "Thomsen", "Kjærgaard", "Ågesen", "Nørgaard"];

    public static bool HasEmail(int n) => n % 5 != 0;

    /// <summary>Patients 1..count whose email Postfix delivers (all consented ones but the refused and the bouncing).</summary>
    public static IReadOnlyList<int> DeliveredByEmail(int count) => Enumerable.Range(1, count)
        .Where(HasEmail)
        .Where(n => PatientId(n) is not (RefusedPatient or BouncingPatient))
        .ToList();

    public static string PatientId(int n) => string.Create(CultureInfo.InvariantCulture, $"P{n:D4}");

    public static string Email(int n) => PatientId(n) switch
    {
        RefusedPatient => "nobody@strict.patients.test",
        BouncingPatient => "p7@offline.patients.test",
        _ => string.Create(CultureInfo.InvariantCulture, $"p{n}@patients.test"),
    };

    public static IReadOnlyList<string> Serials(int n) => n % 25 == 0
        ? [Serial(n), Serial(n + 5000)]
        : [Serial(n)];

    /// <summary>Writes patients 1..<paramref name="count"/>; <paramref name="email"/> replaces <see cref="Email"/> for a campaign of its own.</summary>
    public static (string Patients, string Devices) Write(string directory, int count, Func<int, string>? email = null)
    {
        email ??= Email;
        var patients = new StringBuilder("patient_id;first_name;last_name;address_line1;address_line2;postal_code;city;country;email;email_consent;large_print\n");
        var devices = new StringBuilder("patient_id;manufacturer;model;serial_number;software_version\n");
        for (var n = 1; n <= count; n++)
        {
            var id = PatientId(n);
            var address = HasEmail(n) ? email(n) : "";
            patients.Append(CultureInfo.InvariantCulture,
                $"{id};{FirstNames[n % FirstNames.Length]};{LastNames[n % LastNames.Length]};Åboulevarden {n};;{8000 + (n % 200)};Aarhus C;DK;{address};{(HasEmail(n) ? "ja" : "nej")};nej\n");
            foreach (var serial in Serials(n))
            {
                devices.Append(CultureInfo.InvariantCulture, $"{id};Medtronic;MiniMed Paradigm 512;{serial};\n");
            }
        }

        var patientsPath = Path.Combine(directory, "patients.csv");
        var devicesPath = Path.Combine(directory, "devices.csv");
        File.WriteAllText(patientsPath, patients.ToString(), new UTF8Encoding(true));
        File.WriteAllText(devicesPath, devices.ToString(), new UTF8Encoding(true));
        return (patientsPath, devicesPath);
    }

    private static string Serial(int n) => string.Create(CultureInfo.InvariantCulture, $"NG{n:D7}H");
}
