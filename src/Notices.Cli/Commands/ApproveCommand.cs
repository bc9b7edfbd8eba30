using System.CommandLine;
using System.Globalization;
using Notices.Approvals;
using Notices.Ledger;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary><c>notices approve</c>: record in the ledger that this exact notice package (its SHA-256) was approved.</summary>
public static class ApproveCommand
{
    public static Command Create()
    {
        var notice = CommonOptions.NoticeDir();
        var db = CommonOptions.Db();
        var by = new Option<string>("--by") { Description = "Who approves (name or initials); recorded in the ledger.", Required = true };
        var note = new Option<string?>("--note") { Description = "A note recorded with the approval, e.g. the proof reviewed or a ticket number." };
        var command = new Command("approve",
            "Approve a notice package: one SHA-256 over every file of the package (paths, lengths and contents; see the README) "
            + "is recorded in the ledger with the approver, the time, the note and each file's hash. 'send' and 'remind' then "
            + "use the package only while it hashes to its latest approval, and name the files changed, added or removed since. "
            + "Review the proof first with 'notices preview'.\n\n"
            + "Example: notices approve templates/fa830-minimed --by \"A. Jensen (RA)\" --note \"proof 2026-11-20 reviewed\"\n\n"
            + "Exit codes: 0 approved; 1 the ledger does not verify; 2 bad usage, a package that does not load, or a busy campaign.")
        {
            notice, db, by, note,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(notice)!, parse.GetValue(db)!, parse.GetValue(by)!, parse.GetValue(note))));
        return command;
    }

    public static int Run(string noticeDir, string dbPath, string by, string? note)
    {
        by = by.Trim();
        if (!PackageApprover.IsValidName(by))
        {
            throw new UsageException($"--by must name the approver: 1 to {PackageApprover.MaxByLength} characters on one line, Latin letters (æøå and accents included), digits and punctuation.");
        }

        if (note is { Length: > PackageApprover.MaxNoteLength })
        {
            throw new UsageException($"--note is at most {PackageApprover.MaxNoteLength} characters.");
        }

        using var store = StoreSchema.OpenExisting(dbPath);
        LedgerPreflight.Check(store, LedgerKey.FromEnvironment());
        var (recorded, earlier) = new PackageApprover(store).Approve(noticeDir, by, note);
        var approval = recorded.Approval;
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"[green]Approved[/] {Path.GetFullPath(noticeDir)} ({approval.Files.Count} files, {approval.Files.Sum(f => f.Length)} bytes) by {approval.By}, ledger seq {recorded.Seq}.");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Package sha256: {approval.PackageSha256}");
        if (earlier is not null)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[grey]This exact package was already approved by {earlier.Approval.By} on {earlier.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC (seq {earlier.Seq}); this approval is recorded as well.[/]");
        }

        foreach (var file in approval.Files)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"  {file.Sha256[..12]}  {file.Length,9}  {file.Path}");
        }

        return ExitCodes.Done;
    }
}
