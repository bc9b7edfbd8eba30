using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Notices.Approvals;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Letters;
using Notices.Letters.Templates;
using Notices.Reminders;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary><c>notices remind</c>: a reminder round for the patients who have not acknowledged.</summary>
public static class RemindCommand
{
    /// <summary>How far ahead --as-of may lie (tests and rehearsals run rounds ahead of time; a typo in the year does not pass).</summary>
    private const int MaxAsOfDaysAhead = 366;

    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        var after = new Option<string>("--after")
        {
            Description = "How long after the last contact (the first letter, or the latest reminder) a patient who has not "
                + "acknowledged is reminded: days as 30d or 30, weeks as 4w. At least 1 day.",
            Required = true,
        };
        var asOf = new Option<string?>("--as-of") { Description = "Run the round as of this day, yyyy-mm-dd (default: today; at most a year ahead); reminders are dated with it." };
        var notice = new Option<string?>("--notice")
        {
            Description = "The campaign's notice package folder, when it is no longer where 'send' found it.",
        };
        var smtpOptions = new SmtpCliOptions();
        var printOptions = new PrintCliOptions(printerRequired: false);
        var batchSize = new Option<int>("--batch-size") { Description = "Letters per print batch file.", DefaultValueFactory = _ => 500 };
        var resendUncertain = new Option<bool>("--resend-uncertain")
        {
            Description = "Re-send the reminder emails a stopped run left uncertain, with their recorded Message-ID.",
        };
        var unapproved = SendCommand.Unapproved("remind");
        var command = new Command("remind",
            "Remind every affected patient who has not acknowledged: whose letter reached them (or whose email bounced, or "
            + "whose letter came back) and whose last contact is at least --after ago. A reminder is the letter again, headed "
            + "\"Påmindelse\" with the date of the first letter (or reminder.md from the notice package), with the id "
            + "<letter-id>-R<round>, and it goes the way the letter reached the patient; after a bounce by post, after a "
            + "returned letter by email, when the patient's data allows. Same channels, options and crash safety as send: "
            + "running it again in the same round sends nothing new, and a stopped run is finished by the next one.\n\n"
            + "Example: notices remind fa830-minimed-dk --after 30d --smtp smtp://127.0.0.1:2525\n\n"
            + "Exit codes: 0 done; 2 bad usage or input (unknown campaign, notice package not found, busy campaign); "
            + "3 some patient who was due could not be reminded (no channel, or the reminder failed).")
        {
            campaign, after, asOf, notice, db, output,
        };
        foreach (var option in smtpOptions.All)
        {
            command.Options.Add(option);
        }

        foreach (var option in printOptions.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(batchSize);
        command.Options.Add(resendUncertain);
        command.Options.Add(unapproved);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var queue = parse.GetValue(printOptions.Printer) is { } q ? PrintCommand.ReadQueue(q) : null;
            var sides = printOptions.Sides(parse);
            var printTimeout = printOptions.Timeout(parse);
            if (!ReminderInterval.TryParse(parse.GetValue(after), out var days, out var problem))
            {
                throw new UsageException("--after: " + problem + ".");
            }

            var day = ParseAsOf(parse.GetValue(asOf));
            var smtp = smtpOptions.Read(parse);
            var size = parse.GetValue(batchSize) > 0 ? parse.GetValue(batchSize) : throw new UsageException("--batch-size must be at least 1.");
            var campaignId = parse.GetValue(campaign)!;
            using var store = StoreSchema.OpenExisting(parse.GetValue(db)!);
            LedgerPreflight.Check(store, LedgerKey.FromEnvironment());
            var package = LoadNotice(store, campaignId, parse.GetValue(notice));
            // Hashed after loading here (the package's folder is only known then); the run hashes again and compares.
            var hashAtLoad = PackageHasher.Compute(package.Directory).Sha256;
            var templates = new NoticeTemplates(package);
            templates.Validate();
            var options = new RemindOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                AsOf = day,
                AfterDays = days,
                PrintBatchSize = size,
                Smtp = smtp,
                ResendUncertain = parse.GetValue(resendUncertain),
                Approval = parse.GetValue(unapproved) ? ApprovalPolicy.Overridden : ApprovalPolicy.Required,
                PackageSha256AtLoad = hashAtLoad,
            };
            var summary = await new RemindRun(store, new PdfSharpLetterWriter()).RunAsync(package, templates, options, null, ct);
            Print(summary, options.OutputDirectory);
            var code = summary.SomeoneNotReminded ? ExitCodes.NotAllReached : ExitCodes.Done;
            if (queue is not null)
            {
                // Reminder batches are sealed batches of the campaign like any other: the same path as 'notices print'.
                var printed = await PrintStep.RunAsync(store, campaignId, new PrintOptions
                {
                    Queue = queue,
                    OutputDirectory = options.OutputDirectory,
                    Sides = sides,
                    Timeout = printTimeout,
                }, ct);
                code = Math.Max(code, printed);
            }

            return code;
        }));
        return command;
    }

    /// <summary>The campaign's notice package: --notice, else where send found it. A moved package is a usage error naming the path.</summary>
    private static NoticePackage LoadNotice(NoticesDbContext store, string campaignId, string? noticeOption)
    {
        var record = store.Campaigns.AsNoTracking().FirstOrDefault(c => c.CampaignId == campaignId);
        if (record is null)
        {
            var known = store.Campaigns.AsNoTracking().Select(c => c.CampaignId).ToList();
            throw new UsageException($"unknown campaign '{campaignId}'. Known campaigns: {(known.Count == 0 ? "none (run 'notices send' first)" : string.Join(", ", known))}.");
        }

        var directory = noticeOption ?? record.NoticeDirectory;
        if (!File.Exists(Path.Combine(directory, NoticePackageLoader.NoticeFileName)))
        {
            throw new UsageException(noticeOption is null
                ? $"the notice package of campaign '{campaignId}' is not at {directory} any more (no {NoticePackageLoader.NoticeFileName}); point at it with --notice DIR."
                : $"--notice: no {NoticePackageLoader.NoticeFileName} in {Path.GetFullPath(directory)}.");
        }

        var package = NoticePackageLoader.Load(directory);
        if (!string.Equals(package.Id, campaignId, StringComparison.Ordinal))
        {
            throw new UsageException($"the notice package at {package.Directory} is campaign '{package.Id}', not '{campaignId}'.");
        }

        return package;
    }

    private static DateOnly ParseAsOf(string? text)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.Now);
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new UsageException($"--as-of must be yyyy-mm-dd, not '{text}'.");
        }

        // Reminders are dated with --as-of and are the last contact the next round counts from: a typo such as 2062
        // for 2026 would send letters dated decades ahead and hold every later round back for good.
        var latest = DateOnly.FromDateTime(DateTime.Now).AddDays(MaxAsOfDaysAhead);
        return day <= latest
            ? day
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--as-of {text} is more than {MaxAsOfDaysAhead} days after today; reminders would be dated then. Check the year."));
    }

    private static void Print(RemindSummary s, string outputDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"remind {Markup.Escape(s.CampaignId)} as of {s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, after {N(s.AfterDays)} days")
            .AddColumn("").AddColumn(new TableColumn("patients").RightAligned());
        table.AddRow("affected patients", N(s.Letters));
        table.AddRow("due for a reminder in this round", N(s.Due + s.CannotRemind.Count));
        if (s.Resumed > 0)
        {
            table.AddRow("unfinished reminders of an earlier run", N(s.Resumed));
        }

        var smtp = s.EmailDestination?.StartsWith("smtp://", StringComparison.Ordinal) == true;
        table.AddRow(smtp ? "reminded by email (accepted by the SMTP server)" : "reminded by email (written to the pickup directory)", N(s.RemindedByEmail));
        table.AddRow("reminded by post", N(s.RemindedByPost));
        table.AddRow("  of which switched channel (bounced or returned)", N(s.SwitchedChannel));
        table.AddRow(s.CannotRemind.Count > 0 ? "[red]cannot be reminded[/]" : "cannot be reminded", N(s.CannotRemind.Count));
        if (s.NotDelivered.Count > 0)
        {
            table.AddRow("[red]reminder not delivered[/]", N(s.NotDelivered.Count));
        }

        table.AddRow("already acknowledged", N(s.Acknowledged));
        table.AddRow("not due yet", N(s.NotYetDue));
        if (s.ExcludedList is { } excluded)
        {
            table.AddRow(Markup.Escape($"excluded ({excluded})"), N(s.Excluded));
        }

        table.AddRow("not reached by the first letter (see status)", N(s.NotReached));
        table.AddRow("time", s.Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]Output: {Path.GetFullPath(Path.Combine(outputDirectory, s.CampaignId))}[/]");
        if (s.EmailDestination is { } destination)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]Email: {destination}[/]");
        }

        PrintList("patients cannot be reminded", s.CannotRemind);
        PrintList("patients were not reminded: their reminder was not delivered", s.NotDelivered);
    }

    /// <summary>Letter ids and reasons on stderr (never names), the first 20.</summary>
    private static void PrintList(string what, IReadOnlyList<(string LetterId, string Reason)> list)
    {
        if (list.Count == 0)
        {
            return;
        }

        Console.Error.WriteLine($"fejl: {N(list.Count)} {what}:");
        foreach (var (letterId, reason) in list.Take(20))
        {
            Console.Error.WriteLine($"  {letterId}: {reason}");
        }

        if (list.Count > 20)
        {
            Console.Error.WriteLine($"  … and {N(list.Count - 20)} more (see 'notices report').");
        }
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
