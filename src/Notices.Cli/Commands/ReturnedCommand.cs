using System.CommandLine;
using System.Globalization;
using Notices.Acknowledgements;
using Notices.Ledger;
using Notices.PostRoom;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>notices returned CAMPAIGN LETTER_ID --reason TEXT [--date D]</c> or <c>--file FILE</c>: letters that came back.
/// All or nothing: any problem records nothing and every problem is listed with its line.
/// </summary>
public static class ReturnedCommand
{
    private const int MaxListed = 1000;
    private const int MaxIdsListed = 20;

    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var letter = new Argument<string?>("LETTER_ID")
        {
            Description = "The letter id printed on the letter, e.g. FA830-DK-000042 (a reminder's id, …-R1, records that reminder letter).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var reason = new Option<string?>("--reason")
        {
            Description = $"Why it came back, as the carrier marked it (one line, at most {ReturnReasons.MaxLength} characters; no names).",
        };
        var date = new Option<string?>("--date") { Description = $"The day it came back: {AckDates.Accepted} (default: today)." };
        var file = new Option<string?>("--file")
        {
            Description = $"CSV file of returned letters with the header {ReturnFile.Header}, every field required. Separated by "
                + "';' or ',', UTF-8 (with or without BOM) or Windows-1252, as Excel saves it.",
        };
        var db = CommonOptions.Db();
        var command = new Command("returned",
            "Record letters the carrier brought back. A returned letter counts as not reached in status and report until it "
            + "reaches the patient another way (a later email: see the re-route candidates in 'notices status'). Each letter "
            + "is checked first: an unknown id, a letter of another campaign, a letter never printed, a letter already "
            + "returned, a letter given twice, a date in the future or before the letter was posted (or printed), or an empty, "
            + "overlong or multi-line reason is reported with its line (FILE:LINE), and then NOTHING is recorded.\n\n"
            + "Examples:\n"
            + "  notices returned fa830-minimed-dk FA830-DK-000004 --reason \"ubekendt på adressen\" --date 2026-11-28\n"
            + "  notices returned fa830-minimed-dk --file retur.csv\n"
            + "with retur.csv:\n"
            + "  letter_id;returned_date;reason\n"
            + "  FA830-DK-000004;28-11-2026;ubekendt på adressen\n\n"
            + "Exit codes: 0 recorded; 1 the ledger does not verify; 2 bad input (any problem above, unknown campaign, "
            + "another post-room command running): nothing was recorded.")
        {
            campaign, letter, reason, date, file, db,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(campaign)!, parse.GetValue(letter), parse.GetValue(reason),
            parse.GetValue(date), parse.GetValue(file), parse.GetValue(db)!)));
        return command;
    }

    public static int Run(string campaignId, string? letterId, string? reasonText, string? dateText, string? file, string dbPath)
    {
        if ((file is null) == (letterId is null))
        {
            throw new UsageException(file is null
                ? "give a letter id with --reason, or --file FILE. Run 'notices returned --help' for an example."
                : "give a letter id or --file, not both.");
        }

        if (file is not null && (reasonText is not null || dateText is not null))
        {
            throw new UsageException("--reason and --date go with a letter id; a file has the columns returned_date and reason.");
        }

        if (file is not null && !File.Exists(file))
        {
            throw new UsageException($"file not found: {file}");
        }

        var input = file is null ? FromArguments(letterId!, reasonText, dateText) : FromFile(file);
        using var store = StoreSchema.OpenExisting(dbPath);
        var run = new PostRoomRun(store);
        if (!run.CampaignExists(campaignId))
        {
            throw new UsageException(UnknownCampaign(store, campaignId));
        }

        if (input.Requests.Count == 0 && input.Problems.Count == 0)
        {
            throw new UsageException($"{input.Source} holds no returned letters (only a header); nothing was recorded.");
        }

        foreach (var warning in input.Warnings)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{warning.File}:{warning.Line}: warning: {warning.Reason}"));
        }

        var (recorded, problems) = run.Returned(campaignId, input.Requests, checkOnly: input.ProblemCount > 0);
        var lines = input.Problems
            .Concat(problems.Select(p => (Line: p.Request.Line ?? 0, Text: Where(p.Request, input.Source) + ": " + p.Reason)))
            .OrderBy(p => p.Line)
            .ToList();
        var total = input.ProblemCount + problems.Count;
        if (total > 0)
        {
            foreach (var (_, text) in lines.Take(MaxListed))
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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Recorded {recorded.Count} returned {(recorded.Count == 1 ? "letter" : "letters")} in campaign {campaignId} (from {input.Source}{input.How})."));
        foreach (var r in recorded.Take(MaxIdsListed))
        {
            Console.WriteLine($"  {r.LetterId}  {AckDates.Iso(r.Request.ReturnedOn)}");
        }

        if (recorded.Count > MaxIdsListed)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {recorded.Count - MaxIdsListed} more."));
        }

        Console.WriteLine($"They count as not reached until they reach the patient another way; 'notices status {campaignId}' lists those that 'send' can re-route by email.");
        var head = LedgerHeadSummary.Read(store);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ledger rows: {head.RowCount}"));
        Console.WriteLine($"Ledger head: {head.Head}");
        return ExitCodes.Done;
    }

    public static string UnknownCampaign(NoticesDbContext store, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(store);
        var known = store.Campaigns.Select(c => c.CampaignId).ToList();
        return $"unknown campaign '{ReturnReasons.Shown(campaignId)}'. Known campaigns: "
            + (known.Count == 0 ? "none (run 'notices send' first)." : string.Join(", ", known) + ".");
    }

    private static ReturnInput FromArguments(string letterId, string? reasonText, string? dateText)
    {
        var date = DateOnly.FromDateTime(DateTime.Now);
        if (dateText is not null && !AckDates.TryParse(dateText, out date))
        {
            throw new UsageException($"--date must be {AckDates.Accepted}, not '{ReturnReasons.Shown(dateText)}'.");
        }

        if (reasonText is null)
        {
            throw new UsageException("give --reason TEXT: why the letter came back, e.g. --reason \"ubekendt på adressen\".");
        }

        var (reason, problem) = ReturnReasons.Check(reasonText);
        if (problem is not null)
        {
            throw new UsageException("--reason: " + problem + ".");
        }

        if (letterId.Trim().Length == 0)
        {
            throw new UsageException("the letter id is empty.");
        }

        return new ReturnInput("the command line", "", [new ReturnRequest(letterId, date, reason!)], [], 0, []);
    }

    private static ReturnInput FromFile(string path)
    {
        var read = ReturnFile.Read(path);
        var how = read.Encoding.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {read.Encoding}, '{read.Delimiter}'");
        return new ReturnInput(read.File, how, read.Requests, [.. read.Problems.Select(p => (p.Line, p.ToString()))], read.ProblemCount, read.Warnings);
    }

    private static string Where(ReturnRequest request, string source) => request.Line is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"{source}:{line}")
        : source;

    private sealed record ReturnInput(
        string Source, string How, IReadOnlyList<ReturnRequest> Requests, IReadOnlyList<(int Line, string Text)> Problems, int ProblemCount,
        IReadOnlyList<Notices.Records.ImportIssue> Warnings)
    {
        /// <summary>Where the problems are, for the closing line: "in retur.csv", "on the command line".</summary>
        public string In => Requests.Count > 0 && Requests[0].Line is null ? "on " + Source : "in " + Source;
    }
}
