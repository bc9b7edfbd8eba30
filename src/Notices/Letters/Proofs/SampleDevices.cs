using System.Globalization;
using Notices.Campaigns;
using Notices.Model;

namespace Notices.Letters.Proofs;

/// <summary>
/// Made-up devices for the sample patient of <c>preview --sample</c>: one device the first rule of the notice matches,
/// built from the rule's conditions as far as they can be derived. A new condition of <see cref="AffectedRule"/>
/// needs one line here (e.g. a serial from the start of a serial range, the first lot).
/// </summary>
public static class SampleDevices
{
    /// <summary>The made-up patient's devices; a notice without rules gets one placeholder device.</summary>
    public static IReadOnlyList<Device> For(NoticePackage notice, string patientId)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var rule = notice.Affected.FirstOrDefault();
        if (rule is null)
        {
            return [new Device { PatientId = patientId, Manufacturer = "Producent", Model = "Model", SerialNumber = "PREVIEW-0001" }];
        }

        return [FromRule(rule, patientId, 1)];
    }

    /// <summary>A device the rule matches: its first model, a serial and a software version that satisfy it.</summary>
    public static Device FromRule(AffectedRule rule, string patientId, int number)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new Device
        {
            PatientId = patientId,
            Manufacturer = rule.Manufacturer,
            Model = rule.Models.FirstOrDefault() ?? rule.Aliases.FirstOrDefault() ?? "Model",
            // Each condition the rule gives is met by its first value: a range's first serial, the first lot, ...
            SerialNumber = rule.SerialRanges.FirstOrDefault()?.From
                ?? rule.SerialsFile?.FirstListed
                ?? string.Create(CultureInfo.InvariantCulture, $"PREVIEW-{number:D4}"),
            // The highest affected version is itself affected; without a limit every version is, so show a plain one.
            SoftwareVersion = rule.SoftwareMax ?? rule.SoftwareMin ?? "1.0A",
            LotNumber = rule.Lots.FirstOrDefault(),
            UdiDi = rule.UdiDi.FirstOrDefault(),
        };
    }
}
