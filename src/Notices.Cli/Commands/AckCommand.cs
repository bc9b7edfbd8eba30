using System.CommandLine;
using System.Globalization;
using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.Model;
using Notices.Records;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>notices ack</c>: acknowledgements by hand (<c>ack CAMPAIGN LETTER_ID...</c>), from a file (<c>--file</c>), or
/// (<c>ack import</c>) from email replies. By hand and by file are all or nothing: any problem records nothing.
/// </summary>
public static class AckCommand
{
    /// <summary>The most problem lines printed; all are counted.</summary>
    private const int MaxListed = 1000;

    /// <summary>The most recorded letter ids listed after a success; more are only counted.</summary>
    private const int MaxIdsListed = 20;

    private const string CommandLine = "the command line";

    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var letters = new Argument<string[]>("LETTER_ID")
        {
            Description = "Letter ids from the reply forms, e.g. FA830-DK-000042; a reminder's id (…-R1) acknowledges its original letter.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var date = new Option<string?>("--date")
        {
            Description = $"Date the replies were received: {AckDates.Accepted} (default: today). Only with letter ids.",
        };
        var method = new Option<string?>("--method")
        {
            Description = "How the replies came: post, email, phone or web (default: post). Only with letter ids.",
        };
        var note = new Option<string?>("--note")
        {
            Description = $"A short note kept with each acknowledgement (at most {AckNote.MaxLength} characters; no names, "
                + "this goes into the ledger). Only with letter ids.",
        };
        var file = new Option<string?>("--file")
        {
            Description = $"CSV file of acknowledgements with the header {AckFile.Header} (method and note may be left out; an "
                + "empty method means post). received_date is required on every row: "
                + $"{AckDates.Accepted}. Separated by ';' or ',', UTF-8 (with or without BOM) or Windows-1252, as Excel saves it.",
        };
        var db = CommonOptions.Db();
        var ack = new Command("ack",
            "Record patients' acknowledgements (the reply form's letter id) in the ledger, by hand or from a file. Each "
            + "letter is checked first: an unknown letter id, a letter of another campaign, a letter already acknowledged, "
            + "a letter given twice, or a date in the future or before the letter was made is reported with its line "
            + "(FILE:LINE, or 'argument N' for ids on the command line), and then NOTHING is recorded: correct the input "
            + "and run the command again. An acknowledgement is final: later bounces or returned letters do not undo it. "
            + "Two ack commands on one campaign never run at once (the second stops with exit 2); ack may run during send. "
            + "For email replies, see 'notices ack import'.\n\n"
            + "Examples:\n"
            + "  notices ack fa830-minimed-dk FA830-DK-000001 FA830-DK-000007 --date 2026-12-01 --method phone\n"
            + "  notices ack fa830-minimed-dk --file svar.csv\n"
            + "with svar.csv:\n"
            + "  letter_id;received_date;method;note\n"
            + "  FA830-DK-000001;01-12-2026;post;\n"
            + "  FA830-DK-000007;2026-12-02;phone;ringede selv\n\n"
            + "Exit codes: 0 recorded; 1 failure (the ledger does not verify); 2 bad input (any problem above, unknown "
            + "campaign, both or neither of letter ids and --file, another ack command running): nothing was recorded.")
        {
            campaign, letters, date, method, note, file, db,
        };
        ack.Subcommands.Add(AckImportCommand.Create());
        ack.SetAction(parse => CommandRunner.Run(() => Run(new AckArguments(
            parse.GetValue(campaign)!, parse.GetValue(letters) ?? [], parse.GetValue(date), parse.GetValue(method),
            parse.GetValue(note), parse.GetValue(file), parse.GetValue(db)!))));
        return ack;
    }

    public static int Run(AckArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var fromFile = args.File is not null;
        if (fromFile == args.LetterIds.Count > 0)
        {
            throw new UsageException(fromFile
                ? "give letter ids or --file, not both."
                : "give the letter ids to acknowledge, or --file FILE. Run 'notices ack --help' for an example.");
        }

        if (fromFile && (args.Date is not null || args.Method is not null || args.Note is not null))
        {
            throw new UsageException("--date, --method and --note go with letter ids; a file has the columns received_date, method and note.");
        }

        if (fromFile && !File.Exists(args.File))
        {
            throw new UsageException($"file not found: {args.File}");
        }

        using var store = StoreSchema.OpenExisting(args.DbPath);
        var run = new AckRun(store);
        if (!run.CampaignExists(args.CampaignId))
        {
            var known = store.Campaigns.Select(c => c.CampaignId).ToList();
            throw new UsageException($"unknown campaign '{args.CampaignId}'. Known campaigns: "
                + (known.Count == 0 ? "none (run 'notices send' first)." : string.Join(", ", known) + "."));
        }

        var input = fromFile ? FromFile(args.File!) : FromArguments(args);
        if (input.Requests.Count == 0 && input.ProblemCount == 0)
        {
            throw new UsageException($"{input.Source} holds no acknowledgements (only a header); nothing was recorded.");
        }

        foreach (var warning in input.Warnings)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{warning.File}:{warning.Line}: warning: {warning.Reason}"));
        }

        var outcome = run.Run(args.CampaignId, input.Requests, inputHasProblems: input.ProblemCount > 0);
        var problems = input.Problems
            .Concat(outcome.Problems.Select(p => (Line: p.Request.Line ?? 0, Text: $"{Where(p.Request, input.Source)}: {p.Reason}")))
            .OrderBy(p => p.Line)
            .ToList();
        var total = input.ProblemCount + outcome.Problems.Count;
        if (total > 0)
        {
            foreach (var (_, text) in problems.Take(MaxListed))
            {
                Console.Error.WriteLine(text);
            }

            if (total > MaxListed)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {total - MaxListed} more problems not listed."));
            }

            CommandRunner.Error(string.Create(CultureInfo.InvariantCulture,
                $"{total} {(total == 1 ? "problem" : "problems")} {input.In}; nothing was recorded. Correct {(total == 1 ? "it" : "them")} and run the command again."));
            return ExitCodes.BadInput;
        }

        PrintRecorded(args.CampaignId, input, outcome.Recorded, store);
        return ExitCodes.Done;
    }

    private static AckInput FromFile(string path)
    {
        var read = AckFile.Read(path);
        var problems = read.Problems.Select(p => (p.Line, p.ToString())).ToList();
        var how = read.Encoding.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{read.Encoding}, '{read.Delimiter}'");
        return new AckInput(read.File, how, read.Requests, problems, read.ProblemCount, read.Warnings);
    }

    private static AckInput FromArguments(AckArguments args)
    {
        var date = DateOnly.FromDateTime(DateTime.Now);
        if (args.Date is not null && !AckDates.TryParse(args.Date, out date))
        {
            throw new UsageException($"--date must be {AckDates.Accepted}, not '{AckNote.Clean(args.Date)}'.");
        }

        var method = AckMethod.Post;
        if (args.Method is not null && !AckMethods.TryParse(args.Method, out method))
        {
            throw new UsageException($"--method must be post, email, phone or web, not '{AckNote.Clean(args.Method)}'.");
        }

        var note = AckNote.Clean(args.Note);
        if (note is not null && note.Length > AckNote.MaxLength)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--note is {note.Length} characters long; at most {AckNote.MaxLength} are kept: shorten it."));
        }

        var requests = args.LetterIds
            .Select((id, i) => new AckRequest(id, date, method, AckSource.Manual) { Note = note, Line = i + 1 })
            .ToList();
        var problems = requests.Where(r => r.LetterId.Trim().Length == 0)
            .Select(r => (r.Line!.Value, $"argument {r.Line}: the letter id is empty"))
            .ToList();
        return new AckInput(CommandLine, "", [.. requests.Where(r => r.LetterId.Trim().Length > 0)], problems, problems.Count, []);
    }

    private static string Where(AckRequest request, string source) => request.Source == AckSource.Manual
        ? string.Create(CultureInfo.InvariantCulture, $"argument {request.Line}")
        : string.Create(CultureInfo.InvariantCulture, $"{source}:{request.Line}");

    private static void PrintRecorded(string campaignId, AckInput input, IReadOnlyList<RecordedAck> recorded, NoticesDbContext store)
    {
        var from = input.How.Length == 0 ? input.Source : $"{input.Source}, {input.How}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Recorded {recorded.Count} {(recorded.Count == 1 ? "acknowledgement" : "acknowledgements")} in campaign {campaignId} (from {from})."));
        foreach (var ack in recorded.Take(MaxIdsListed))
        {
            var via = ack.ViaLetterId is null ? "" : $" (answered reminder {ack.ViaLetterId})";
            Console.WriteLine($"  {ack.LetterId}  {AckDates.Iso(ack.Request.ReceivedOn)}  {AckMethods.Name(ack.Request.Method)}{via}");
        }

        if (recorded.Count > MaxIdsListed)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {recorded.Count - MaxIdsListed} more."));
        }

        var head = LedgerHeadSummary.Read(store);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ledger rows: {head.RowCount}"));
        Console.WriteLine($"Ledger head: {head.Head}");
    }

    /// <summary>The parsed input: its requests, and its own problems as printed lines (with the line to sort by).</summary>
    private sealed record AckInput(
        string Source, string How, IReadOnlyList<AckRequest> Requests, IReadOnlyList<(int Line, string Text)> Problems, int ProblemCount,
        IReadOnlyList<ImportIssue> Warnings)
    {
        /// <summary>Where the problems are, for the closing line: "in svar.csv", "on the command line".</summary>
        public string In => string.Equals(Source, CommandLine, StringComparison.Ordinal) ? "on " + Source : "in " + Source;
    }
}
