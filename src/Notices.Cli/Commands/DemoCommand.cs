using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Notices.Model;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Reports;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var output = CommonOptions.Out();
        var command = new Command("demo",
            "Run the whole pipeline on the bundled sample (50 fictional Danish patients, the FA830 insulin-pump notice): "
            + "import, plan, send (.eml files and a print batch), verify the ledger and write the report. "
            + "Running it again shows that nothing is delivered twice.")
        {
            output,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => Run(parse.GetValue(output)!, ct)));
        return command;
    }

    public static async Task<int> Run(string outputDirectory, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var sample = SampleFiles.Extract(Path.Combine(outputDirectory, "sample"));
        var dbPath = Path.Combine(outputDirectory, "notices.db");
        AnsiConsole.Write(new Rule("[bold]1. import[/]").LeftJustified());
        var imported = ImportCommand.Run(sample.Patients, sample.Devices, dbPath);
        if (imported != ExitCodes.Done)
        {
            return imported;
        }

        using var db = StoreSchema.Open(dbPath);
        AnsiConsole.Write(new Rule("[bold]2. plan[/]").LeftJustified());
        var review = PlanReviewer.Review(db, sample.NoticeDirectory);
        PlanCommand.Print(review, listAll: false);

        AnsiConsole.Write(new Rule("[bold]3. send[/]").LeftJustified());
        var summary = await SendCommand.RunWithProgress(db, review, new SendOptions { OutputDirectory = outputDirectory }, ct);
        SendCommand.PrintSummary(summary, outputDirectory);

        AnsiConsole.Write(new Rule("[bold]4. verify and report[/]").LeftJustified());
        var verification = LedgerVerifier.Verify(db);
        var projection = LetterStateProjector.Project(db, review.Notice.Id);
        var figures = EffectivenessFigures.From(projection, ReportCampaigns.Read(db, projection, ReportDays.Day(DateTimeOffset.UtcNow)));
        var report = EffectivenessCsvWriter.Write(figures, Path.Combine(outputDirectory, review.Notice.Id));
        var paths = new CampaignPaths(outputDirectory, review.Notice.Id);

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]demo summary[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("letters (affected patients)", N(review.Plan.Letters.Count));
        table.AddRow("emails (.eml)", N(projection.Counts.GetValueOrDefault(LetterDeliveryState.Sent)));
        table.AddRow("printed (batch)", N(projection.Counts.GetValueOrDefault(LetterDeliveryState.Printed)));
        table.AddRow("unreachable", N(projection.Counts.GetValueOrDefault(LetterDeliveryState.Unreachable)));
        table.AddRow("failed or pending", N(projection.Counts.GetValueOrDefault(LetterDeliveryState.Failed) + projection.Counts.GetValueOrDefault(LetterDeliveryState.Pending)));
        table.AddRow("ledger verified", verification.IsValid ? $"[green]yes[/] ({N((int)verification.RowCount)} rows)" : $"[red]NO[/] (row {verification.FirstBadSeq})");
        table.AddRow("time", clock.Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Letters:      {paths.Letters}");
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Email (.eml): {paths.Email}");
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Print batch:  {paths.Print}");
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"Report:       {Path.GetFullPath(report)}");

        // The sample has one unreachable patient on purpose; the demo succeeds when every letter reached a known state.
        var unknown = projection.Counts.GetValueOrDefault(LetterDeliveryState.Pending) + projection.Counts.GetValueOrDefault(LetterDeliveryState.Failed);
        return verification.IsValid && unknown == 0 ? ExitCodes.Done : ExitCodes.Failure;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
