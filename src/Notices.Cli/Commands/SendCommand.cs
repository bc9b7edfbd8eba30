using System.CommandLine;
using Notices.Letters;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

public static class SendCommand
{
    public static Command Create()
    {
        var notice = CommonOptions.NoticeDir();
        var db = CommonOptions.Db();
        var output = CommonOptions.Out();
        var smtp = new Option<string?>("--smtp")
        {
            Description = "SMTP server as smtp://host:port. Not yet supported: email letters are written as .eml files to out/<campaign>/email/.",
        };
        var printer = new Option<string?>("--printer")
        {
            Description = "CUPS queue for print batches. Not yet supported: batches are written to out/<campaign>/print/.",
        };
        var date = new Option<string?>("--date") { Description = "Date printed on new letters, yyyy-mm-dd (default: the notice's date, else today)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Letters per print batch file.", DefaultValueFactory = _ => 500 };
        var command = new Command("send",
            "Render and deliver every affected patient's letter: email (.eml pickup directory) where the patient consented, "
            + "else a print batch. Every step goes into the ledger. Running it again delivers nothing twice: letters already "
            + "sent or printed are skipped, and letters a stopped run left half-way are finished.")
        {
            notice, db, output, smtp, printer, date, batchSize,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (parse.GetValue(smtp) is not null || parse.GetValue(printer) is not null)
            {
                throw new UsageException("--smtp and --printer are not yet supported; leave them out to write .eml files and print batches under --out.");
            }

            using var store = StoreSchema.Open(parse.GetValue(db)!);
            var review = PlanReviewer.Review(store, parse.GetValue(notice)!);
            var options = new SendOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                LetterDate = ParseDate(parse.GetValue(date)),
                PrintBatchSize = parse.GetValue(batchSize) > 0 ? parse.GetValue(batchSize) : throw new UsageException("--batch-size must be at least 1."),
            };
            var summary = await RunWithProgress(store, review, options, ct);
            PrintSummary(summary, options.OutputDirectory);
            return summary.Unreachable > 0 || summary.Failed > 0 ? ExitCodes.NotAllReached : ExitCodes.Done;
        }));
        return command;
    }

    public static async Task<SendSummary> RunWithProgress(NoticesDbContext store, PlanReview review, SendOptions options, CancellationToken ct)
    {
        var run = new SendRun(store, new PdfSharpLetterWriter());
        SendSummary? summary = null;
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await run.RunAsync(review, options, null, ct);
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("letters", maxValue: Math.Max(1, review.Plan.Letters.Count));
                var progress = new Progress<SendProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                summary = await run.RunAsync(review, options, progress, ct);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    public static void PrintSummary(SendSummary s, string outputDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"send {Markup.Escape(s.CampaignId)}")
            .AddColumn("").AddColumn(new TableColumn("letters").RightAligned());
        table.AddRow("affected patients", N(s.Letters));
        table.AddRow("rendered in this run", N(s.Rendered));
        table.AddRow("already done by an earlier run", N(s.AlreadyDone));
        table.AddRow("sent by email", N(s.Emailed));
        table.AddRow("printed for post", N(s.Printed));
        table.AddRow(s.Unreachable > 0 ? "[red]unreachable[/]" : "unreachable", N(s.Unreachable));
        table.AddRow(s.Failed > 0 ? "[red]failed or pending[/]" : "failed or pending", N(s.Failed));
        table.AddRow("time", s.Elapsed.TotalSeconds.ToString("0.0 s", System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]Output: {Path.GetFullPath(Path.Combine(outputDirectory, s.CampaignId))}[/]");
    }

    public static DateOnly? ParseDate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d
            : throw new UsageException($"--date must be yyyy-mm-dd, not '{text}'.");
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
