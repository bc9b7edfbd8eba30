using System.CommandLine;
using Notices.Ledger;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var campaign = CommonOptions.CampaignId();
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        var command = new Command("report",
            "Write out/<campaign>/report.csv: one row per affected patient with the final state, last event and the "
            + "letter's SHA-256 (';'-separated UTF-8 for Danish Excel; no names or addresses; formula-safe), and "
            + "report-ledger.csv with the ledger head and row count, for a later 'verify --expect-head'.")
        {
            campaign, db, output,
        };
        command.SetAction(parse => CommandRunner.Run(() => Run(parse.GetValue(campaign)!, parse.GetValue(db)!, parse.GetValue(output)!)));
        return command;
    }

    public static int Run(string campaignId, string dbPath, string outputDirectory)
    {
        using var db = StoreSchema.OpenExisting(dbPath);
        var projection = StatusCommand.Load(db, campaignId);
        var campaignDir = Path.Combine(outputDirectory, campaignId);
        var path = new ReconciliationReportWriter().Write(projection, campaignDir);
        var head = LedgerHeadSummary.Read(db);
        var headPath = ReportLedgerHeadWriter.Write(campaignDir, campaignId, projection.Total, head, DateTimeOffset.UtcNow);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]Wrote[/] {path} ({projection.Total} letters).");
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]Wrote[/] {headPath} (the ledger head at this report).");
        StatusCommand.PrintLedgerHead(head);
        return ExitCodes.Done;
    }
}
