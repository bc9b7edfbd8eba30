using Markdig;
using Notices.Campaigns;
using Notices.Letters.Addressing;
using Notices.Letters.Email;

namespace Notices.Letters.Templates;

/// <summary>
/// Makes the <see cref="LetterDocument"/> and the email bodies of one planned letter from the campaign's
/// compiled templates. Thread-safe: one instance serves a whole campaign.
/// </summary>
public sealed class LetterComposer
{
    private readonly NoticePackage _package;
    private readonly NoticeTemplates _templates;
    private readonly IReadOnlyList<string> _returnAddress;

    public LetterComposer(NoticePackage package, NoticeTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(templates);
        _package = package;
        _templates = templates;
        _returnAddress = ComposerDefaults.ReturnAddress(package);
    }

    /// <param name="letter">The planned letter (recipient snapshot and devices).</param>
    /// <param name="date">The letter date (the caller resolves <see cref="NoticePackage.Date"/> or today).</param>
    /// <exception cref="NoticeTemplateException">A template refers to an unknown field or a helper failed.</exception>
    public ComposedLetter Compose(PlannedLetter letter, DateOnly date) => Compose(letter, date, null);

    /// <param name="reminder">Null for the original letter; for a reminder, its number and the first letter's date
    /// (see <see cref="NoticeTemplates.MergeReminder"/>).</param>
    public ComposedLetter Compose(PlannedLetter letter, DateOnly date, ReminderText? reminder)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // The address block and reply form read the snapshot directly, so clean here, not only in the model.
        letter = LetterText.Clean(letter);
        var merged = reminder is null ? _templates.Merge(letter, date) : _templates.MergeReminder(letter, date, reminder);
        var address = DanishAddressBlock.Format(letter.Recipient);
        // Only email letters need the HTML and text bodies; a post letter would parse and render them for nothing.
        var (emailHtml, emailText) = letter.Channel == DeliveryChannelKind.Email
            ? EmailBodyRenderer.Render(merged.EmailMarkdown, merged.EmailSubject)
            : ("", "");

        var document = new LetterDocument
        {
            LetterId = letter.LetterId,
            Title = _package.Title,
            Subject = _package.Subject,
            Reference = _package.Reference,
            DateText = DanishDates.LongDate(date),
            Sender = _package.Sender,
            RecipientLines = address.Lines,
            LargePrint = letter.Recipient.LargePrint,
            Body = Markdown.Parse(merged.LetterMarkdown, MarkdownPipelines.Letter),
            ReplyForm = new ReplyFormContent
            {
                PatientName = letter.Recipient.FullName,
                Devices = letter.Devices,
                ReturnAddress = _returnAddress,
                ReturnEmail = _package.Sender.Email,
                QrPayload = letter.LetterId,
            },
            Window = _package.Window,
            ReturnLines = _package.ReturnAddress.Lines(_package.Sender),
            Logo = _package.Logo,
            Metadata = new PdfMetadata(
                Title: $"{_package.Title}: {_package.Subject}",
                Author: _package.Sender.Organisation,
                Subject: _package.Subject,
                Keywords: _package.Reference),
        };

        return new ComposedLetter
        {
            Document = document,
            EmailHtml = emailHtml,
            EmailText = emailText,
            EmailSubject = merged.EmailSubject,
            AddressWarnings = address.Warnings,
        };
    }
}
