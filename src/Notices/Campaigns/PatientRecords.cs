using Notices.Model;
using Notices.Records;

namespace Notices.Campaigns;

/// <summary>A patient with all of that patient's devices, as the planner reads them.</summary>
public sealed record PatientRecords(Patient Patient, IReadOnlyList<Device> Devices);
