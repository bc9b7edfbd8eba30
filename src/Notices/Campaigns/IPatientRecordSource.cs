namespace Notices.Campaigns;

/// <summary>Where the planner reads patients and devices from (the store, in practice).</summary>
public interface IPatientRecordSource
{
    /// <summary>All patients ordered by patient id, each with their devices. Streamed, not materialised.</summary>
    IEnumerable<PatientRecords> ReadAll();
}
