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
            + "letter's SHA-256 (';'-separated UTF-8 for Danish Excel; no names or addresses; formula-safe).")
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
        var path = new ReconciliationReportWriter().Write(projection, Path.Combine(outputDirectory, campaignId));
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[green]Wrote[/] {path} ({projection.Total} letters).");
        return ExitCodes.Done;
    }
}
