using System.Text.RegularExpressions;
using Notices.Campaigns;
using Scriban.Runtime;

namespace Notices.Letters.Templates;

/// <summary>
/// The notice package's Scriban templates, parsed once per campaign: letter.md, email.md and reminder.md (Markdown
/// output, every value Markdown-escaped) and the email subject (plain text on one line). Strict: an undefined field
/// throws <see cref="TemplateFieldException"/> with <c>file:line:column</c>. Merging is thread-safe.
/// </summary>
public sealed partial class NoticeTemplates
{
    /// <summary>Name used in errors for the subject template, which lives in notice.yaml.</summary>
    public const string EmailSubjectSource = "notice.yaml (email_subject)";

    private readonly NoticePackage _package;
    private readonly CompiledTemplate _letter;
    private readonly CompiledTemplate _email;
    private readonly CompiledTemplate _subject;
    private readonly CompiledTemplate? _reminder;

    /// <summary>Prefix of a reminder's email subject.</summary>
    public const string ReminderSubjectPrefix = "Påmindelse: ";

    /// <summary>Compiles the templates; throws <see cref="NoticeTemplateException"/> on a syntax error.</summary>
    public NoticeTemplates(NoticePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        _package = package;
        _letter = CompiledTemplate.Parse(package.LetterTemplate, package.LetterTemplatePath, TemplateTarget.Markdown);
        _email = CompiledTemplate.Parse(package.EmailTemplate, package.EmailTemplatePath, TemplateTarget.Markdown);
        _subject = CompiledTemplate.Parse(package.EmailSubject, EmailSubjectSource, TemplateTarget.PlainText);
        _reminder = package.ReminderTemplate is { } reminder
            ? CompiledTemplate.Parse(reminder, package.ReminderTemplatePath, TemplateTarget.Markdown)
            : null;
    }

    public NoticePackage Package => _package;

    /// <summary>Merges the letter, email body and email subject for one planned letter.</summary>
    public MergedLetter Merge(PlannedLetter letter, DateOnly letterDate)
    {
        var model = ReadOnlyModel.Freeze(LetterModelBuilder.Build(_package, letter, letterDate));
        var facts = Facts(letter);
        return new MergedLetter(_letter.Render(model, facts), _email.Render(model, facts), OneLine(_subject.Render(model, facts)));
    }

    /// <summary>
    /// Merges a reminder: reminder.md for both the letter and the email body when the package has one (its model is the
    /// letter's plus <c>reminder.number</c> and <c>reminder.first_letter_date</c>); otherwise the letter and email texts
    /// headed "Påmindelse" with a line giving the first letter's date. The subject is prefixed "Påmindelse: ".
    /// </summary>
    public MergedLetter MergeReminder(PlannedLetter letter, DateOnly letterDate, ReminderText reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        var model = LetterModelBuilder.Build(_package, letter, letterDate);
        var facts = Facts(letter);
        if (_reminder is not null)
        {
            model.SetValue("reminder", LetterModelBuilder.ReminderModel(reminder), readOnly: false);
        }
        ReadOnlyModel.Freeze(model);
        var subject = ReminderSubjectPrefix + OneLine(_subject.Render(model, facts));
        if (_reminder is not null)
        {
            var text = _reminder.Render(model, facts);
            return new MergedLetter(text, text, subject);
        }

        var heading = DefaultReminderHeading(reminder);
        return new MergedLetter(heading + _letter.Render(model, facts), heading + _email.Render(model, facts), subject);
    }

    /// <summary>The default reminder's opening, in Danish: a heading and a line giving the first letter's date.</summary>
    public static string DefaultReminderHeading(ReminderText reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return "## Påmindelse\n\n"
            + $"Vi skrev til dig den {DanishDates.LongDate(reminder.FirstLetterDate)} med en vigtig sikkerhedsmeddelelse, og vi har endnu "
            + "ikke fået din kvittering. Derfor sender vi meddelelsen igen herunder. Læs den, og send kvitteringsformularen "
            + "retur til os, så vi ved, at du har modtaget den.\n\n";
    }

    /// <summary>
    /// Checks every template before any letter is made: every branch of every <c>{{ if }}</c> and loop resolves against
    /// the letter model (<see cref="TemplateBranchCheck"/>), and two synthetic letters (one with every optional field and
    /// flag set, one with none) merge, so the limits and functions are exercised too.
    /// </summary>
    public void Validate()
    {
        var date = _package.Date ?? new DateOnly(2026, 11, 21);
        var letters = SyntheticLetters.For(_package).ToList();
        var full = LetterModelBuilder.Build(_package, letters[0], date);
        TemplateBranchCheck.Check(_letter, full);
        TemplateBranchCheck.Check(_email, full);
        TemplateBranchCheck.Check(_subject, full);
        if (_reminder is not null)
        {
            // reminder.* exists in reminder.md only, so it joins the model after the other templates are checked.
            full.SetValue("reminder", LetterModelBuilder.ReminderModel(new ReminderText(1, date)), readOnly: false);
            TemplateBranchCheck.Check(_reminder, full);
        }
        foreach (var letter in letters)
        {
            Merge(letter, date);
            MergeReminder(letter, date, new ReminderText(1, date));
        }
    }

    private static LetterFacts Facts(PlannedLetter letter) => new(letter.Devices, letter.Recipient.LargePrint);

    private static string OneLine(string text) => WhitespaceRunRegex().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRunRegex();
}
