namespace Notices.Campaigns;

/// <summary>
/// Answers "why did (or didn't) this patient get the letter?" for <c>plan --explain</c>. It uses the planner's own
/// <see cref="CampaignScope"/> and plan, so the explanation cannot disagree with what <c>plan</c> and <c>send</c> do.
/// </summary>
public sealed class MatchExplainer(IPatientRecordSource records, ILetterIdRegistry letterIds)
{
    /// <summary>The explanations for <paramref name="id"/>: a patient id (tried first, case ignored) or, failing that,
    /// a serial number (trimmed, case ignored), which may belong to more than one patient. Empty when neither is known.</summary>
    public IReadOnlyList<MatchExplanation> Explain(NoticePackage notice, string id)
    {
        var wanted = id.Trim();
        var patientKey = Exclusions.PatientKey(wanted);
        var serialKey = SerialNumber.Key(wanted);
        PatientRecords? byId = null;
        var bySerial = new List<PatientRecords>();
        foreach (var entry in records.ReadAll())
        {
            if (string.Equals(Exclusions.PatientKey(entry.Patient.PatientId), patientKey, StringComparison.Ordinal))
            {
                byId = entry;
                break;
            }

            if (entry.Devices.Any(d => string.Equals(SerialNumber.Key(d.SerialNumber), serialKey, StringComparison.Ordinal)))
            {
                bySerial.Add(entry);
            }
        }

        var found = byId is not null ? [byId] : bySerial;
        if (found.Count == 0)
        {
            return [];
        }

        var plan = new CampaignPlanner(records, letterIds).Plan(notice);
        var existing = letterIds.ExistingLetterIds(notice.Id);
        var scope = new CampaignScope(notice);
        return found.Select(entry =>
        {
            var letter = plan.Letters.FirstOrDefault(l => string.Equals(l.Recipient.PatientId, entry.Patient.PatientId, StringComparison.Ordinal));
            return new MatchExplanation(byId is not null ? ExplainedBy.PatientId : ExplainedBy.SerialNumber, scope.Assess(entry), letter,
                letter is not null && existing.ContainsKey(entry.Patient.PatientId));
        }).ToList();
    }
}
