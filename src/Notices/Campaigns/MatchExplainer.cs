namespace Notices.Campaigns;

/// <summary>
/// Answers "why did (or didn't) this patient get the letter?" for <c>plan --explain</c>. It uses the planner's own
/// <see cref="CampaignScope"/> and plan, so the explanation cannot disagree with what <c>plan</c> and <c>send</c> do.
/// </summary>
public sealed class MatchExplainer(IPatientRecordSource records, ILetterIdRegistry letterIds)
{
    /// <summary>The explanations for <paramref name="id"/>: the patient with that id (case ignored) first, then every
    /// other patient holding a device with that serial number (trimmed, case ignored), since an id can be both. Empty
    /// when neither is known.</summary>
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
            }
            else if (entry.Devices.Any(d => string.Equals(SerialNumber.Key(d.SerialNumber), serialKey, StringComparison.Ordinal)))
            {
                bySerial.Add(entry);
            }
        }

        var found = byId is null ? bySerial : [byId, .. bySerial];
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
            return new MatchExplanation(ReferenceEquals(entry, byId) ? ExplainedBy.PatientId : ExplainedBy.SerialNumber, scope.Assess(entry), letter,
                letter is not null && existing.ContainsKey(entry.Patient.PatientId));
        }).ToList();
    }
}
