using System.CommandLine;
using System.Globalization;
using Notices.Ledger;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>notices verify</c>: the ledger's chain and head, the store's cross-checks and, with <c>--expect-head</c>, a head
/// pinned earlier. Exit 0 verified; 1 it does not verify; 2 the ledger is keyed and <c>NOTICES_LEDGER_KEY</c> is not
/// set (its HMACs could not be checked), or bad usage.
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var expectHead = new Option<string?>("--expect-head")
        {
            Description = "A ledger head printed earlier by status or report (SEQ:HASH, or a bare HASH): fail unless this "
                + "ledger still holds that row with that hash, i.e. it only grew since.",
        };
        var command = new Command("verify",
            "Re-check the ledger's hash chain (HMAC chain when NOTICES_LEDGER_KEY is set) and the store against it. "
            + "Names the first row that was edited or deleted and exits 1; exits 0 when intact; exits 2 when the ledger "
            + "is keyed and NOTICES_LEDGER_KEY is not set.")
        {
            db, expectHead,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(db)!, parse.GetValue(expectHead))));
        return command;
    }

    public static int Run(string dbPath, string? expectHead = null)
    {
        LedgerHeadPin? pin = null;
        if (expectHead is not null)
        {
            if (!LedgerHeadPin.TryParse(expectHead, out var parsed))
            {
                throw new UsageException("--expect-head: expected SEQ:HASH or HASH (64 hex digits), as printed by status or report.");
            }

            pin = parsed;
        }

        var key = LedgerKey.FromEnvironment();
        using var db = StoreSchema.OpenExisting(dbPath);
        var result = LedgerVerifier.Verify(db, key, pin);
        if (result.IsValid)
        {
            var keyed = result.KeyId is null
                ? "not keyed (SHA-256)"
                : string.Create(CultureInfo.InvariantCulture, $"HMAC-SHA256 under key id {result.KeyId} from seq {result.KeyedFrom}");
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[green]Ledger verified:[/] {result.RowCount} rows, {result.Reason}, {keyed}; store cross-checks passed.");
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Ledger head: {result.Head}");
            if (pin is not null)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"Expected head {pin} is in the chain: the ledger only grew since.");
            }

            return ExitCodes.Done;
        }

        if (result.Fault == LedgerFault.KeyRequired)
        {
            CommandRunner.Error("ledger NOT fully verified: " + result.Reason + ".");
            return ExitCodes.BadInput;
        }

        var at = result.FirstBadSeq is { } seq ? "at row " + seq.ToString(CultureInfo.InvariantCulture) + " " : "";
        CommandRunner.Error($"ledger does NOT verify {at}({result.Fault}): {result.Reason}");
        return ExitCodes.Failure;
    }
}
