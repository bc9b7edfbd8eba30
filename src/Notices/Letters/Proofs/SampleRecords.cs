using Notices.Campaigns;
using Notices.Model;

namespace Notices.Letters.Proofs;

/// <summary>
/// A made-up Danish patient with a device the notice affects (<see cref="SampleDevices"/>), served to the planner as
/// its only record, with no letter ids given out. The name and address are fictional; the email is at example.com.
/// </summary>
public sealed class SampleRecords(NoticePackage notice) : IPatientRecordSource, ILetterIdRegistry
{
    public const string PatientId = "PREVIEW-SAMPLE";

    public Patient Patient { get; } = new()
    {
        PatientId = PatientId,
        FirstName = "Birgitte",
        LastName = "Prøvesen",
        AddressLine1 = "Æblehaven 7, 2. th",
        PostalCode = "5000",
        City = "Odense C",
        Country = "DK",
        Email = "birgitte.proevesen@example.com",
        EmailConsent = true,
        EmailValid = true,
    };

    public IReadOnlyList<Device> Devices { get; } = SampleDevices.For(notice, PatientId);

    public IEnumerable<PatientRecords> ReadAll()
    {
        yield return new PatientRecords(Patient, Devices);
    }

    public IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId) => new Dictionary<string, string>(StringComparer.Ordinal);

    public int HighestSequence(string campaignId) => 0;
}
