using System.CommandLine;
using Notices.Ledger;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class VerifyCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var command = new Command("verify",
            "Re-check the ledger's hash chain. Names the first row that was edited or deleted and exits 1; exits 0 when intact.")
        {
            db,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(db)!)));
        return command;
    }

    public static int Run(string dbPath)
    {
        using var db = StoreSchema.OpenExisting(dbPath);
        var result = LedgerVerifier.Verify(db);
        if (result.IsValid)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]Ledger verified:[/] {result.RowCount} rows, {result.Reason}.");
            return ExitCodes.Done;
        }

        CommandRunner.Error($"ledger does NOT verify at row {result.FirstBadSeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} ({result.Fault}): {result.Reason}");
        return ExitCodes.Failure;
    }
}
