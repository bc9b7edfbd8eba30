using Notices.Model;

namespace Notices.Campaigns;

/// <summary>
/// Picks the affected patients of a notice and decides each one's channel. One letter per affected patient, listing
/// all of that patient's affected devices. Letter ids already given out are reused; new patients get the next
/// sequence numbers in patient-id order, so a re-plan is stable.
/// </summary>
public sealed class CampaignPlanner(IPatientRecordSource records, ILetterIdRegistry letterIds)
{
    public CampaignPlan Plan(NoticePackage notice)
    {
        var scope = new CampaignScope(notice);
        var existing = letterIds.ExistingLetterIds(notice.Id);
        var nextSequence = letterIds.HighestSequence(notice.Id);
        var letters = new List<PlannedLetter>();
        var problems = new List<PlanProblem>();
        int patients = 0, devices = 0, excludedDevices = 0, excludedPatients = 0;

        foreach (var entry in records.ReadAll())
        {
            var (patient, patientDevices) = entry;
            patients++;
            devices += patientDevices.Count;
            var assessment = scope.Assess(entry);
            if (assessment.PatientExcludedLine is not null)
            {
                // Counted only when the patient would otherwise have had a letter: what the exclusion changed.
                excludedPatients += assessment.Devices.Any(d => d.InLetter) ? 1 : 0;
                continue;
            }

            excludedDevices += assessment.Devices.Count(d => d.Match.Affected && d.ExcludedLine is not null);
            var affected = assessment.LetterDevices.Select(ToAffected).ToList();
            if (affected.Count == 0)
            {
                continue;
            }

            var letterId = existing.TryGetValue(patient.PatientId, out var known)
                ? known
                : LetterIds.Make(notice.Reference, patient.Country, ++nextSequence);
            var (channel, note) = ChooseChannel(patient);
            letters.Add(new PlannedLetter
            {
                LetterId = letterId,
                CampaignId = notice.Id,
                Recipient = RecipientSnapshot.Of(patient, channel == DeliveryChannelKind.Email ? patient.Email : null),
                Devices = affected,
                Channel = channel,
                ChannelNote = note,
            });

            if (channel == DeliveryChannelKind.Unreachable)
            {
                problems.Add(new PlanProblem(patient.PatientId, letterId, PlanProblemKind.Unreachable, note ?? "ingen adresse"));
            }
            else if (note is not null)
            {
                problems.Add(new PlanProblem(patient.PatientId, letterId, PlanProblemKind.EmailNotUsable, note));
            }

            foreach (var device in affected)
            {
                if (device.VersionUnknown)
                {
                    problems.Add(new PlanProblem(patient.PatientId, letterId, PlanProblemKind.VersionUnknown,
                        $"softwareversion ukendt for {device.Model} (serienr. {device.SerialNumber}); medtaget for en sikkerheds skyld"));
                }

                if (device.LotUnknown)
                {
                    problems.Add(new PlanProblem(patient.PatientId, letterId, PlanProblemKind.LotUnknown,
                        $"lotnummer ukendt for {device.Model} (serienr. {device.SerialNumber}); medtaget for en sikkerheds skyld"));
                }

                if (device.UdiDiUnknown)
                {
                    problems.Add(new PlanProblem(patient.PatientId, letterId, PlanProblemKind.UdiDiUnknown,
                        $"UDI-DI ukendt for {device.Model} (serienr. {device.SerialNumber}); medtaget for en sikkerheds skyld"));
                }
            }
        }

        letters.Sort((a, b) => LetterIds.SequenceOf(a.LetterId).CompareTo(LetterIds.SequenceOf(b.LetterId)));
        return new CampaignPlan(notice, letters, problems, patients, devices)
        {
            ExcludedDevices = excludedDevices,
            ExcludedPatients = excludedPatients,
        };
    }

    private static AffectedDevice ToAffected(DeviceAssessment assessed)
    {
        var device = assessed.Device;
        var unknown = assessed.Match.Unknown;
        return new AffectedDevice(device.Manufacturer, device.Model, device.SerialNumber,
            string.IsNullOrWhiteSpace(device.SoftwareVersion) ? null : device.SoftwareVersion,
            unknown.HasFlag(DataUnknown.Version), device.LotNumber, device.UdiDi,
            unknown.HasFlag(DataUnknown.Lot), unknown.HasFlag(DataUnknown.UdiDi));
    }

    /// <summary>Email needs consent and a valid address; otherwise post needs street, postal code and city.</summary>
    public static (DeliveryChannelKind Channel, string? Note) ChooseChannel(Model.Patient patient)
    {
        if (patient.CanReceiveEmail)
        {
            return (DeliveryChannelKind.Email, null);
        }

        string? emailNote = null;
        if (!string.IsNullOrWhiteSpace(patient.Email) && patient.EmailConsent && !patient.EmailValid)
        {
            emailNote = "ugyldig e-mailadresse";
        }

        if (patient.HasPostalAddress)
        {
            return (DeliveryChannelKind.Post, emailNote is null ? null : emailNote + " – sendes med post");
        }

        var reason = emailNote ?? (patient.EmailConsent ? "ingen gyldig e-mail" : "intet e-mailsamtykke");
        return (DeliveryChannelKind.Unreachable, $"ingen fuld postadresse og {reason}");
    }
}
