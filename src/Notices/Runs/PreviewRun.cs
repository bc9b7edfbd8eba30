using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Proofs;
using Notices.Letters.Templates;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// <c>preview</c>: the proof of one letter before anything is sent. The notice is loaded and checked as <c>plan</c>
/// checks it, the letter is planned by <see cref="CampaignPlanner"/> (same matching, same channel choice) for one
/// patient of the store or for a made-up one, and <see cref="ProofWriter"/> writes it with the composer and PDF
/// writer of <c>send</c>. Writes nothing to the ledger or the store; the caller opens the store read-only.
/// </summary>
public sealed class PreviewRun(ILetterPdfWriter pdfWriter, TimeProvider? timeProvider = null)
{
    public const string FolderName = "preview";
    public const string SampleStem = "sample";
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="db">The store (read-only) for a patient of it; null for the made-up patient.</param>
    public PreviewResult Run(PreviewRequest request, NoticesDbContext? db)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notice = NoticePackageLoader.Load(request.NoticeDirectory);
        var templates = new NoticeTemplates(notice);
        templates.Validate();
        var composer = new LetterComposer(notice, templates);
        NoticeTextCheck.Ensure(notice, composer);

        PlannedLetter letter;
        var sampleNotMatched = false;
        var patientId = request.PatientId;
        if (patientId is not null)
        {
            ArgumentNullException.ThrowIfNull(db);
            ReferenceGuard.EnsureOwn(db, notice);
            patientId = StoreOnePatient.FindId(db, patientId);
            if (patientId is null)
            {
                return new PreviewResult { Notice = notice, Refused = PreviewRefusal.UnknownPatient };
            }

            var one = new StoreOnePatient(db, patientId);

            var planned = new CampaignPlanner(one, one).Plan(notice).Letters.SingleOrDefault();
            if (planned is null)
            {
                return new PreviewResult { Notice = notice, Refused = PreviewRefusal.NotAffected };
            }

            letter = one.ExistingLetterIds(notice.Id).ContainsKey(patientId)
                ? planned
                : planned with { LetterId = PreviewLetterIds.Make(notice.Reference, planned.Recipient.Country) };
        }
        else
        {
            var sample = new SampleRecords(notice);
            var planned = new CampaignPlanner(sample, sample).Plan(notice).Letters.SingleOrDefault();
            sampleNotMatched = planned is null;
            letter = (planned ?? Unmatched(notice, sample)) with
            {
                LetterId = PreviewLetterIds.Make(notice.Reference, sample.Patient.Country),
            };
        }

        if (request.LargePrint)
        {
            letter = letter with { Recipient = letter.Recipient with { LargePrint = true } };
        }

        var date = request.LetterDate ?? notice.Date ?? DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
        var directory = Path.Combine(Path.GetFullPath(request.OutputDirectory), notice.Id, FolderName);
        var stem = (patientId is null ? SampleStem : ProofWriter.SafeStem(patientId, ProofWriter.MaxStem - 20)) + (request.LargePrint ? "-large-print" : "");
        var files = new ProofWriter(composer, pdfWriter).Write(letter, date, directory, stem);
        return new PreviewResult
        {
            Notice = notice,
            Letter = letter,
            Files = files,
            Directory = directory,
            Sample = request.PatientId is null,
            SampleDeviceNotMatched = sampleNotMatched,
        };
    }

    /// <summary>
    /// The made-up device fails a condition <see cref="SampleDevices"/> cannot derive yet: the proof still shows the
    /// letter with that device, and the caller says so.
    /// </summary>
    private static PlannedLetter Unmatched(NoticePackage notice, SampleRecords sample)
    {
        var patient = sample.Patient;
        return new PlannedLetter
        {
            LetterId = PreviewLetterIds.Make(notice.Reference, patient.Country),
            CampaignId = notice.Id,
            Channel = DeliveryChannelKind.Email,
            Recipient = RecipientSnapshot.Of(patient, patient.Email),
            Devices = [.. sample.Devices.Select(d => new AffectedDevice(d.Manufacturer, d.Model, d.SerialNumber, d.SoftwareVersion, VersionUnknown: false))],
        };
    }
}
