using System.Globalization;
using Notices.Campaigns;

namespace Notices.Cli.Commands;

/// <summary>
/// Prints <c>plan --explain</c>: for each patient found, every device with the rule that matched it (and the
/// conditions that held) or each rule's reason for not matching, the flags, the exclusions and the verdict.
/// Patient ids only, never names or addresses.
/// </summary>
public static class PlanExplainPrinter
{
    public static void Print(TextWriter output, NoticePackage notice, string id, IReadOnlyList<MatchExplanation> explanations)
    {
        var by = explanations[0].FoundBy == ExplainedBy.PatientId ? "a patient id" : "a serial number";
        output.WriteLine($"'{id}' is {by}; campaign {notice.Id} ({notice.Reference}).");
        var serialOf = explanations.Skip(1).Where(e => e.FoundBy != explanations[0].FoundBy).Select(e => e.Assessment.Records.Patient.PatientId).ToList();
        if (serialOf.Count > 0)
        {
            output.WriteLine($"It is also the serial number of a device of patient {string.Join(", ", serialOf)}; shown after.");
        }

        foreach (var explanation in explanations)
        {
            output.WriteLine();
            PrintPatient(output, notice, explanation);
        }
    }

    private static void PrintPatient(TextWriter output, NoticePackage notice, MatchExplanation explanation)
    {
        var assessment = explanation.Assessment;
        var devices = assessment.Devices;
        output.WriteLine(Text($"Patient {assessment.Records.Patient.PatientId}: {devices.Count} device(s) in the store."));
        for (var i = 0; i < devices.Count; i++)
        {
            PrintDevice(output, notice, i + 1, devices[i]);
        }

        var patientLine = assessment.PatientExcludedLine;
        var patientsFile = notice.Exclusions.Patients?.Name;
        output.WriteLine(patientLine is null
            ? "Patient exclusion: none" + (patientsFile is null ? " (the notice has no exclude_patients_file)." : $" (not in {patientsFile}).")
            : Text($"Patient exclusion: listed in {patientsFile} line {patientLine}."));
        output.WriteLine("Verdict: " + Verdict(notice, explanation));
    }

    private static void PrintDevice(TextWriter output, NoticePackage notice, int number, DeviceAssessment assessed)
    {
        var d = assessed.Device;
        output.WriteLine(Text($"  {number}. {Or(d.Manufacturer)} {Or(d.Model)}, serial {d.SerialNumber}, software {Or(d.SoftwareVersion)}, lot {Or(d.LotNumber)}, UDI-DI {Or(d.UdiDi)}"));
        var match = assessed.Match;
        if (match.Rule is { } rule)
        {
            output.WriteLine($"     matched {Describe(notice, rule)}: {string.Join("; ", match.Held)}");
            foreach (var flag in Flags(match.Unknown))
            {
                output.WriteLine($"     flag: {flag} – counted as affected to be safe");
            }
        }
        else if (match.Misses.Count == 0 || match.Misses.All(m => m.Kind == RuleMissKind.Product))
        {
            output.WriteLine("     no rule matched: manufacturer/model not named by any rule");
        }
        else
        {
            output.WriteLine("     no rule matched:");
            foreach (var miss in match.Misses.Where(m => m.Kind == RuleMissKind.Condition))
            {
                output.WriteLine($"       - {miss.Reason}");
            }
        }

        if (assessed.ExcludedLine is { } line)
        {
            output.WriteLine(Text($"     excluded: listed in {notice.Exclusions.Serials!.Name} line {line}"));
        }
    }

    private static string Verdict(NoticePackage notice, MatchExplanation explanation)
    {
        var assessment = explanation.Assessment;
        if (assessment.PatientExcludedLine is { } line)
        {
            return Text($"no letter – the patient is listed in {notice.Exclusions.Patients!.Name} line {line}.");
        }

        if (explanation.Letter is { } letter)
        {
            var state = explanation.LetterInStore ? "already in the store" : "planned, not yet made";
            var channel = letter.Channel switch
            {
                DeliveryChannelKind.Email => "by email",
                DeliveryChannelKind.Post => "by post",
                _ => "UNREACHABLE (no usable email or postal address)",
            };
            return Text($"gets a letter – {letter.LetterId} ({state}), {channel}, listing {letter.Devices.Count} device(s).");
        }

        if (assessment.Devices.Count == 0)
        {
            return "no letter – the patient has no devices in the store.";
        }

        return assessment.Devices.Any(d => d.Match.Affected)
            ? "no letter – every device a rule matched is excluded."
            : "no letter – no device matched a rule.";
    }

    private static string Describe(NoticePackage notice, int rule)
    {
        var r = notice.Affected[rule - 1];
        return Text($"rule {rule} ({r.Manufacturer}: {string.Join(", ", r.Models)})");
    }

    private static IEnumerable<string> Flags(DataUnknown unknown)
    {
        if (unknown.HasFlag(DataUnknown.Version))
        {
            yield return "software version unknown";
        }

        if (unknown.HasFlag(DataUnknown.Lot))
        {
            yield return "lot unknown";
        }

        if (unknown.HasFlag(DataUnknown.UdiDi))
        {
            yield return "UDI-DI unknown";
        }
    }

    private static string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "–" : value;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
