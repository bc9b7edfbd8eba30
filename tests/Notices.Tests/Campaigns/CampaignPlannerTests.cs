using Notices.Model;
using Notices.Campaigns;
using Notices.Records;
using Notices.Store;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

public sealed class CampaignPlannerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly NoticesDbContext _db;
    private readonly NoticePackage _notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);

    public CampaignPlannerTests()
    {
        _db = StoreSchema.Open(_dir.File("notices.db"));
        AddPatient("P1", email: "a@patients.test", consent: true, device: ("MiniMed Paradigm Veo 754", "2.7A"));
        AddPatient("P2", email: "b@patients.test", consent: true, device: ("MiniMed™ Paradigm™ Veo™ 754", null));
        AddPatient("P3", email: null, consent: false, device: ("MiniMed Paradigm 522", null));
        AddDevice("P3", "Paradigm 715", null, "SER-P3-B");
        AddPatient("P4", email: "c(at)patients.test", consent: true, valid: false, device: ("MiniMed 508", null));
        AddPatient("P5", email: null, consent: false, address: false, device: ("MiniMed 508", null));
        AddPatient("P6", email: "d@patients.test", consent: false, device: ("MiniMed 780G", "6.2B"));
        _db.SaveChanges();
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    private CampaignPlan Plan() =>
        new CampaignPlanner(new StorePatientRecordSource(_db), new StoreLetterIdRegistry(_db)).Plan(_notice);

    [Fact]
    public void Picks_affected_patients_with_all_their_affected_devices()
    {
        var plan = Plan();

        Assert.Equal(["P2", "P3", "P4", "P5"], plan.Letters.Select(l => l.Recipient.PatientId).Order(StringComparer.Ordinal));
        var p3 = plan.Letters.Single(l => l.Recipient.PatientId == "P3");
        Assert.Equal(["SER-P3", "SER-P3-B"], p3.Devices.Select(d => d.SerialNumber));
        Assert.Equal(5, plan.AffectedDeviceCount);
    }

    [Fact]
    public void Chooses_email_post_or_unreachable()
    {
        var byPatient = Plan().Letters.ToDictionary(l => l.Recipient.PatientId, l => l.Channel);

        Assert.Equal(DeliveryChannelKind.Email, byPatient["P2"]);
        Assert.Equal(DeliveryChannelKind.Post, byPatient["P3"]);
        Assert.Equal(DeliveryChannelKind.Post, byPatient["P4"]);
        Assert.Equal(DeliveryChannelKind.Unreachable, byPatient["P5"]);
    }

    [Fact]
    public void Lists_problems_by_id_only()
    {
        var plan = Plan();

        Assert.Contains(plan.Problems, p => p.PatientId == "P5" && p.Kind == PlanProblemKind.Unreachable);
        Assert.Contains(plan.Problems, p => p.PatientId == "P2" && p.Kind == PlanProblemKind.VersionUnknown);
        Assert.Contains(plan.Problems, p => p.PatientId == "P4" && p.Kind == PlanProblemKind.EmailNotUsable);
        Assert.DoesNotContain(plan.Problems, p => p.Message.Contains("Fornavn", StringComparison.Ordinal));
    }

    [Fact]
    public void Letter_ids_are_stable_when_patients_are_added()
    {
        var first = Plan();
        foreach (var letter in first.Letters)
        {
            _db.Letters.Add(new LetterRecord
            {
                LetterId = letter.LetterId, CampaignId = _notice.Id, PatientId = letter.Recipient.PatientId,
                Sequence = LetterIds.SequenceOf(letter.LetterId), Channel = letter.Channel.ToString(), SnapshotJson = "{}",
            });
        }

        AddPatient("P0", email: null, consent: false, device: ("MiniMed 508", null));
        _db.SaveChanges();

        var second = Plan();

        foreach (var letter in first.Letters)
        {
            Assert.Equal(letter.LetterId, second.Letters.Single(l => l.Recipient.PatientId == letter.Recipient.PatientId).LetterId);
        }

        Assert.Equal("FA830-DK-000005", second.Letters.Single(l => l.Recipient.PatientId == "P0").LetterId);
        Assert.Matches(@"^FA830-DK-\d{6}$", first.Letters[0].LetterId);
    }

    private void AddPatient(string id, string? email, bool consent, (string Model, string? Version) device, bool valid = true, bool address = true)
    {
        _db.Patients.Add(new Patient
        {
            PatientId = id, FirstName = "Fornavn", LastName = "Æblesø",
            AddressLine1 = address ? "Kastanievej 15, 2. tv" : null, PostalCode = address ? "8000" : null, City = address ? "Aarhus C" : null,
            Email = email, EmailConsent = consent, EmailValid = valid && email is not null,
        });
        AddDevice(id, device.Model, device.Version, "SER-" + id);
    }

    private void AddDevice(string patientId, string model, string? version, string serial) =>
        _db.Devices.Add(new Device { PatientId = patientId, Manufacturer = "Medtronic", Model = model, SerialNumber = serial, SoftwareVersion = version });
}
