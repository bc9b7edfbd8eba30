using Notices.Campaigns;
using Notices.Letters.Addressing;
using Notices.Letters.Templates;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// Loads and checks a notice package, compiles its templates (an undefined field, or a character the font cannot
/// print in the notice's own text, fails here, before anything is sent), plans the campaign and adds to the plan's
/// problems the window-address adjustments and the patient text the letter cannot print as it is
/// (<see cref="LetterTextReview"/>), and the post letters too thick for the envelope (<see cref="EnvelopeCapacityReview"/>).
/// </summary>
public static class PlanReviewer
{
    public static PlanReview Review(NoticesDbContext db, string noticeDirectory)
    {
        var notice = NoticePackageLoader.Load(noticeDirectory);
        var templates = new NoticeTemplates(notice);
        templates.Validate();
        var composer = new LetterComposer(notice, templates);
        NoticeTextCheck.Ensure(notice, composer);
        ReferenceGuard.EnsureOwn(db, notice);
        DkimKey.Check(notice);
        var plan = new CampaignPlanner(new StorePatientRecordSource(db), new StoreLetterIdRegistry(db)).Plan(notice);

        var problems = new List<PlanProblem>(plan.Problems);
        foreach (var letter in plan.Letters.Where(l => l.Channel == DeliveryChannelKind.Post))
        {
            foreach (var warning in DanishAddressBlock.Format(letter.Recipient).Warnings)
            {
                problems.Add(new PlanProblem(letter.Recipient.PatientId, letter.LetterId, PlanProblemKind.AddressAdjusted, warning));
            }
        }

        var date = notice.Date ?? DateOnly.FromDateTime(DateTime.Today);
        var textReview = new LetterTextReview(composer, date);
        foreach (var letter in plan.Letters.Where(l => l.Channel != DeliveryChannelKind.Unreachable))
        {
            problems.AddRange(textReview.Check(letter));
        }

        var capacity = new EnvelopeCapacityReview(composer, date, notice.Envelope);
        var postPages = capacity.PostPages(plan.Letters);
        problems.AddRange(capacity.Check(plan.Letters, postPages));
        return new PlanReview(notice, templates, plan, problems) { PostPages = postPages };
    }
}
