using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Notices.Acknowledgements;
using Notices.Approvals;
using Notices.Model;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Letters;
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
            + "import, plan, send (.eml files and a print batch), record the reply forms of every third reached patient, "
            + "remind the others as of 31 days on, verify the ledger and write report.pdf and report.csv. "
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

        // The sample's text is approved by "demo" (once per package hash, so a second demo adds no row), and sent as
        // any approved package is: send refuses a package that differs from its approval.
        if (RecordedApproval.Latest(db, review.Notice.Id)?.Approval.PackageSha256 != PackageHasher.Compute(sample.NoticeDirectory).Sha256)
        {
            new PackageApprover(db).Approve(sample.NoticeDirectory, "demo", "the bundled sample package, approved by notices demo");
        }

        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Notice package approved: sha256 {RecordedApproval.Latest(db, review.Notice.Id)!.Approval.PackageSha256}");

        AnsiConsole.Write(new Rule("[bold]3. send[/]").LeftJustified());
        var summary = await SendCommand.RunWithProgress(db, review, new SendOptions { OutputDirectory = outputDirectory, Approval = ApprovalPolicy.Required }, ct);
        SendCommand.PrintSummary(summary, outputDirectory);

        AnsiConsole.Write(new Rule("[bold]4. acknowledge and remind[/]").LeftJustified());
        var (acknowledged, reminded) = await FollowUp(db, review, outputDirectory, ct);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"Reply forms back (every third reached patient, by post): {acknowledged} recorded now. Reminders as of {Iso(RemindAsOf)}: {reminded} sent now.");

        AnsiConsole.Write(new Rule("[bold]5. verify and report[/]").LeftJustified());
        var verification = LedgerVerifier.Verify(db);
        var projection = LetterStateProjector.Project(db, review.Notice.Id);
        var head = LedgerHeadSummary.Read(db);
        var figures = EffectivenessFigures.From(projection, ReportCampaigns.Read(db, projection, ReportDays.Day(DateTimeOffset.UtcNow)));
        var campaignDir = Path.Combine(outputDirectory, review.Notice.Id);
        var report = EffectivenessCsvWriter.Write(figures, campaignDir);
        var (reportPdf, _) = EffectivenessReportPdf.Write(figures, head, campaignDir);
        ReportLedgerHeadWriter.Write(campaignDir, review.Notice.Id, projection.Total, head, DateTimeOffset.UtcNow);
        var paths = new CampaignPaths(outputDirectory, review.Notice.Id);

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]demo summary[/]").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        table.AddRow("letters (affected patients)", N(review.Plan.Letters.Count));
        table.AddRow("reached by email (.eml)", N(projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Sent)));
        table.AddRow("reached by post (batch)", N(projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Printed)));
        table.AddRow("unreachable", N(projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Unreachable)));
        table.AddRow("failed or pending", N(projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Failed) + projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Pending)));
        table.AddRow("acknowledged", N(projection.Acknowledged));
        table.AddRow("reminders (-R1)", N(projection.Reminders.Count));
        table.AddRow("ledger verified", verification.IsValid ? $"[green]yes[/] ({N((int)verification.RowCount)} rows)" : $"[red]NO[/] (row {verification.FirstBadSeq})");
        table.AddRow("time", clock.Elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Letters:      {paths.Letters}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Email (.eml): {paths.Email}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Print batch:  {paths.Print}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Report:       {Path.GetFullPath(reportPdf)}");
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"              {Path.GetFullPath(report)}");

        // The sample has one unreachable patient on purpose; the demo succeeds when every letter reached a known state.
        var unknown = projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Pending) + projection.ReachCounts.GetValueOrDefault(LetterDeliveryState.Failed);
        return verification.IsValid && unknown == 0 ? ExitCodes.Done : ExitCodes.Failure;
    }

    /// <summary>A fixed day 31 days after the demo's letters, so a second demo finds the same round and sends nothing new.</summary>
    private static DateOnly RemindAsOf => DateOnly.FromDateTime(DateTime.Today).AddDays(31);

    /// <summary>
    /// The follow-up an RA team does: every third reached patient's reply form comes back (recorded like
    /// <c>notices ack</c>, only the ones not yet recorded, so the demo can run twice), then a reminder round for the rest,
    /// as of 31 days on.
    /// </summary>
    private static async Task<(int Acknowledged, int Reminded)> FollowUp(NoticesDbContext db, PlanReview review, string outputDirectory, CancellationToken ct)
    {
        var projection = LetterStateProjector.Project(db, review.Notice.Id);
        var today = DateOnly.FromDateTime(DateTime.Today);
        var replies = projection.Letters
            .Where(l => l.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed)
            .Where((_, i) => i % 3 == 0)
            .Where(l => l.Acknowledgement is null)
            .Select(l => new AckRequest(l.LetterId, today, AckMethod.Post, AckSource.Manual))
            .ToList();
        var outcome = new AckRun(db).Run(review.Notice.Id, replies, inputHasProblems: false, "demo");
        var remind = await new RemindRun(db, new PdfSharpLetterWriter()).RunAsync(review.Notice, review.Templates,
            new RemindOptions { OutputDirectory = outputDirectory, AsOf = RemindAsOf, AfterDays = 30, Approval = ApprovalPolicy.Required }, null, ct);
        return (outcome.Recorded.Count, remind.RemindedByEmail + remind.RemindedByPost);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
