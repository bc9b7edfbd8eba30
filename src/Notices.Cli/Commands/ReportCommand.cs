using System.CommandLine;
using System.Globalization;
using Notices.Ledger;
using Notices.Reports;
using Notices.Runs;
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
            "Write the effectiveness-check report of a campaign to out/<campaign>/: report.pdf in Danish for the "
            + "competent authority (totals, percentages reached and acknowledged, charts over time and by channel, the "
            + "patients not reached by id, the ledger head), report.csv with one row per affected patient (channels, final "
            + "state, the time of each step, attempts, reminders, acknowledgement; ';'-separated UTF-8 for Danish Excel, "
            + "formula-safe, ids only) and report-ledger.csv with the ledger head for a later 'verify --expect-head'.\n\n"
            + "Example:\n  notices report fa830-minimed-dk --db notices.db --out out")
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
        LedgerGate.EnsureIntact(db, "report"); // a report for the authority is never made from an edited history
        var head = LedgerHeadSummary.Read(db);
        var now = DateTimeOffset.UtcNow;
        var figures = EffectivenessFigures.From(projection, ReportCampaigns.Read(db, projection, ReportDays.Day(now)));
        var campaignDir = Path.Combine(outputDirectory, campaignId);
        var (pdf, pages) = EffectivenessReportPdf.Write(figures, head, campaignDir);
        var csv = EffectivenessCsvWriter.Write(figures, campaignDir);
        var headPath = ReportLedgerHeadWriter.Write(campaignDir, campaignId, projection.Total, head, now);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Wrote[/] {Path.GetFullPath(pdf)} ({pages} pages; {figures.Affected} affected, {figures.ReachedPercent:0.0}% reached, {figures.AcknowledgedPercent:0.0}% acknowledged).");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Wrote[/] {Path.GetFullPath(csv)} ({figures.Affected} rows, one per affected patient).");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Wrote[/] {Path.GetFullPath(headPath)} (the ledger head at this report).");
        StatusCommand.PrintLedgerHead(head);
        return ExitCodes.Done;
    }
}
