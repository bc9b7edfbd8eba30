using Notices.Campaigns;
using Notices.Model;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Campaigns;

/// <summary>The planner applies exclusions and flags unknown lot and UDI-DI, counting what the exclusions removed.</summary>
public sealed class ExclusionPlannerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly NoticePackage _notice;

    public ExclusionPlannerTests()
    {
        Directory.CreateDirectory(_dir.File("notice"));
        File.WriteAllText(_dir.File("notice/remediated.csv"), "serial_number\nNG1000002\nNG9\n");
        File.WriteAllText(_dir.File("notice/excluded.csv"), "patient_id\nP3\nP4\n");
        _notice = NoticePackageLoader.Load(ScopedNotice.Write(_dir, """
            affected:
              - manufacturer: Medtronic
                models: [MiniMed 780G]
                serial_ranges:
                  - { from: NG1000000, to: NG1199999 }
              - manufacturer: Medtronic
                models: [MiniMed Paradigm Veo 754]
                lots: [L2301, L2302]
              - manufacturer: Roche
                models: [Accu-Chek Insight]
                udi_di: [08717648200274]
            exclude_serials_file: remediated.csv
            exclude_patients_file: excluded.csv
            """));
    }

    public void Dispose() => _dir.Dispose();

    private static PatientRecords Patient(string id, params Device[] devices) => new(
        new Patient { PatientId = id, FirstName = "Fornavn", LastName = "Efternavn", AddressLine1 = "Vej 1", PostalCode = "8000", City = "Aarhus C" },
        devices.Select(d => { d.PatientId = id; return d; }).ToList());

    private static Device Dev(string model, string serial, string? lot = null, string? udi = null, string manufacturer = "Medtronic") =>
        new() { PatientId = "", Manufacturer = manufacturer, Model = model, SerialNumber = serial, LotNumber = lot, UdiDi = udi };

    private CampaignPlan Plan(params PatientRecords[] patients) =>
        new CampaignPlanner(new ListSource(patients), new NoLetterIds()).Plan(_notice);

    [Fact]
    public void Excluded_devices_leave_the_letter_and_a_patient_with_none_left_gets_no_letter()
    {
        var plan = Plan(
            Patient("P1", Dev("MiniMed 780G", "NG1000001"), Dev("MiniMed 780G", "ng1000002 ")),
            Patient("P2", Dev("MiniMed 780G", "NG1000002")));

        var letter = Assert.Single(plan.Letters);
        Assert.Equal("P1", letter.Recipient.PatientId);
        Assert.Equal(["NG1000001"], letter.Devices.Select(d => d.SerialNumber));
        Assert.Equal((2, 0), (plan.ExcludedDevices, plan.ExcludedPatients));
    }

    [Fact]
    public void Excluded_patients_get_no_letter_and_are_counted_only_when_they_were_affected()
    {
        var plan = Plan(
            Patient("p3", Dev("MiniMed 780G", "NG1000001")),
            Patient("P4", Dev("MiniMed 508", "X1")),
            Patient("P5", Dev("MiniMed 780G", "NG1000003")));

        Assert.Equal(["P5"], plan.Letters.Select(l => l.Recipient.PatientId));
        Assert.Equal((0, 1), (plan.ExcludedDevices, plan.ExcludedPatients));
        Assert.DoesNotContain(plan.Problems, p => p.PatientId is "p3" or "P4");
    }

    [Fact]
    public void An_unknown_lot_or_udi_di_is_notified_and_flagged_in_danish()
    {
        var plan = Plan(
            Patient("P6", Dev("MiniMed Paradigm Veo 754", "NG5"), Dev("MiniMed Paradigm Veo 754", "NG6", lot: "L2303")),
            Patient("P7", Dev("Accu-Chek Insight", "RI1", manufacturer: "Roche")));

        Assert.Equal(["NG5"], plan.Letters.Single(l => l.Recipient.PatientId == "P6").Devices.Select(d => d.SerialNumber));
        Assert.True(plan.Letters.Single(l => l.Recipient.PatientId == "P6").Devices[0].LotUnknown);
        var lot = Assert.Single(plan.Problems, p => p.Kind == PlanProblemKind.LotUnknown);
        Assert.Equal(("P6", "lotnummer ukendt for MiniMed Paradigm Veo 754 (serienr. NG5); medtaget for en sikkerheds skyld"), (lot.PatientId, lot.Message));
        var udi = Assert.Single(plan.Problems, p => p.Kind == PlanProblemKind.UdiDiUnknown);
        Assert.Equal("P7", udi.PatientId);
        Assert.Contains("UDI-DI ukendt", udi.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_uses_the_same_verdicts_as_the_plan()
    {
        var source = new ListSource([
            Patient("P1", Dev("MiniMed 780G", "NG1000001"), Dev("MiniMed 780G", "NG1000002"), Dev("MiniMed 780G", "NG1200000")),
            Patient("P3", Dev("MiniMed 780G", "NG1000009")),
        ]);
        var explainer = new MatchExplainer(source, new NoLetterIds());

        var p1 = Assert.Single(explainer.Explain(_notice, "p1"));
        var bySerial = Assert.Single(explainer.Explain(_notice, " ng1000009 "));

        Assert.Equal(ExplainedBy.PatientId, p1.FoundBy);
        Assert.Equal([true, false, false], p1.Assessment.Devices.Select(d => d.InLetter));
        Assert.Equal(2, p1.Assessment.Devices[1].ExcludedLine);
        Assert.Equal("serial NG1200000 is above rule 1's range NG1000000–NG1199999", p1.Assessment.Devices[2].Match.Misses[0].Reason);
        Assert.NotNull(p1.Letter);
        Assert.Equal((ExplainedBy.SerialNumber, "P3", 2, (PlannedLetter?)null), (bySerial.FoundBy, bySerial.Assessment.Records.Patient.PatientId, bySerial.Assessment.PatientExcludedLine, bySerial.Letter));
        Assert.Empty(explainer.Explain(_notice, "nobody"));
    }

    private sealed class ListSource(IReadOnlyList<PatientRecords> patients) : IPatientRecordSource
    {
        public IEnumerable<PatientRecords> ReadAll() => patients;
    }

    private sealed class NoLetterIds : ILetterIdRegistry
    {
        public IReadOnlyDictionary<string, string> ExistingLetterIds(string campaignId) => new Dictionary<string, string>();
        public int HighestSequence(string campaignId) => 0;
    }
}
