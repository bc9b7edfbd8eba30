using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>
/// The notice package's templates, compiled once per campaign: letter.md and email.md (Markdown output, values
/// Markdown-escaped) and the email subject (plain text). Strict: an undefined field throws
/// <see cref="TemplateFieldException"/> with the template file and line. Merging is thread-safe.
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
        var markdown = CreateEnvironment(new MarkdownTextEncoder(), markdownOutput: true);
        var plain = CreateEnvironment(new PlainTextEncoder(), markdownOutput: false);
        _letter = CompiledTemplate.Compile(markdown, package.LetterTemplate, package.LetterTemplatePath);
        _email = CompiledTemplate.Compile(markdown, package.EmailTemplate, package.EmailTemplatePath);
        _subject = CompiledTemplate.Compile(plain, package.EmailSubject, EmailSubjectSource);
        _reminder = package.ReminderTemplate is { } reminder ? CompiledTemplate.Compile(markdown, reminder, package.ReminderTemplatePath) : null;
    }

    public NoticePackage Package => _package;

    /// <summary>Merges the letter, email body and email subject for one planned letter.</summary>
    public MergedLetter Merge(PlannedLetter letter, DateOnly letterDate)
    {
        var model = LetterModelBuilder.Build(_package, letter, letterDate);
        return new MergedLetter(_letter.Render(model), _email.Render(model), OneLine(_subject.Render(model)));
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
        var subject = ReminderSubjectPrefix + OneLine(_subject.Render(model));
        if (_reminder is not null)
        {
            model["reminder"] = new Dictionary<string, object?>
            {
                ["number"] = reminder.Number,
                ["first_letter_date"] = DanishDates.LongDate(reminder.FirstLetterDate),
            };
            var text = _reminder.Render(model);
            return new MergedLetter(text, text, subject);
        }

        var heading = DefaultReminderHeading(reminder);
        return new MergedLetter(heading + _letter.Render(model), heading + _email.Render(model), subject);
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
    /// Merges two synthetic letters (one with every optional field and flag set, one with none) so that an undefined
    /// field in any branch of <c>{{#if}}</c>/<c>{{else}}</c> fails at load time instead of mid-run.
    /// </summary>
    public void Validate()
    {
        var date = _package.Date ?? new DateOnly(2026, 11, 21);
        foreach (var letter in SyntheticLetters.For(_package))
        {
            Merge(letter, date);
            MergeReminder(letter, date, new ReminderText(1, date));
        }
    }

    private static IHandlebars CreateEnvironment(ITextEncoder encoder, bool markdownOutput)
    {
        var configuration = new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.GetCultureInfo("da-DK"),
            TextEncoder = encoder,
        };
        var handlebars = Handlebars.Create(configuration);
        NoticeHelpers.Register(handlebars, markdownOutput);
        return handlebars;
    }

    private static string OneLine(string text) => WhitespaceRunRegex().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRunRegex();

    /// <summary>One compiled template plus its source, for turning Handlebars errors into located ones.</summary>
    private sealed class CompiledTemplate
    {
        private readonly HandlebarsTemplate<object, object> _render;
        private readonly string _source;
        private readonly string _file;

        private CompiledTemplate(HandlebarsTemplate<object, object> render, string source, string file)
        {
            _render = render;
            _source = source;
            _file = file;
        }

        public static CompiledTemplate Compile(IHandlebars handlebars, string source, string file)
        {
            try
            {
                return new CompiledTemplate(handlebars.Compile(source), source, file);
            }
            catch (HandlebarsException ex)
            {
                throw CompileError(ex, source, file);
            }
        }

        public string Render(object model)
        {
            try
            {
                return _render(model);
            }
            catch (HandlebarsUndefinedBindingException ex)
            {
                var tag = TemplateSourceLocator.FindField(_source, ex.Path, ex.MissingKey);
                throw new TemplateFieldException(ex.Path, _file, tag?.Line, tag?.Text, ex);
            }
            catch (HandlebarsException ex)
            {
                var tag = TemplateSourceLocator.Scan(_source).FirstOrDefault(t => ex.Message.Contains("{{" + FirstWord(t.Content), StringComparison.Ordinal));
                throw new NoticeTemplateException(
                    $"{NoticeTemplateException.Location(_file, tag?.Line)}: {ex.Message}", _file, tag?.Line, ex);
            }
        }

        private static NoticeTemplateException CompileError(HandlebarsException ex, string source, string file)
        {
            var line = TemplateSourceLocator.LineFromParserMessage(ex.Message);
            var problem = FirstLine(ex.Message);
            if (line is null && TemplateSourceLocator.FindUnclosedTag(source) is { } unclosedLine)
            {
                line = unclosedLine;
                problem = "{{ uden afsluttende }}";
            }
            if (line is null && TemplateSourceLocator.FindUnbalancedBlock(source) is { } block)
            {
                line = block.Line;
                problem = block.Problem;
            }
            return new NoticeTemplateException(
                $"{NoticeTemplateException.Location(file, line)}: skabelonen kan ikke oversættes: {problem}", file, line, ex);
        }

        private static string FirstWord(string content) =>
            content.Split((char[])[' ', '\t', '\n', '\r'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? content;

        private static string FirstLine(string message) =>
            message.Split('\n', 2)[0].Trim();
    }
}
