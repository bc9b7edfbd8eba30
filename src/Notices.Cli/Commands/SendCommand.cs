using System.CommandLine;
using Notices.Approvals;
using Notices.Letters;
using Notices.Ledger;
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
        var smtpOptions = new SmtpCliOptions();
        var printOptions = new PrintCliOptions(printerRequired: false);
        var date = new Option<string?>("--date") { Description = "Date printed on new letters, yyyy-mm-dd (default: the notice's date, else today)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Letters per print batch file.", DefaultValueFactory = _ => 500 };
        var resendUncertain = new Option<bool>("--resend-uncertain")
        {
            Description = "Re-send the email letters a stopped run left uncertain (handed to the SMTP server, outcome unknown), "
                + "with the Message-ID recorded for them, so a receiving system or auditor can tell a duplicate for what it is. "
                + "Run 'notices dsn import' first: a delivery report resolves an uncertain letter without a resend.",
        };
        var unapproved = Unapproved("send");
        var command = new Command("send",
            "Render and deliver every affected patient's letter: email (SMTP with --smtp, else the .eml pickup directory) "
            + "where the patient consented, else a print batch. Every step goes into the ledger. Running it again delivers "
            + "nothing twice: letters already sent or printed are skipped, and letters a stopped run or an unavailable SMTP "
            + "server left pending are sent. A permanent SMTP failure (5xx) sends the letter by post instead.")
        {
            notice, db, output,
        };
        foreach (var option in smtpOptions.All)
        {
            command.Options.Add(option);
        }

        foreach (var option in printOptions.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(date);
        command.Options.Add(batchSize);
        command.Options.Add(resendUncertain);
        command.Options.Add(unapproved);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var queue = parse.GetValue(printOptions.Printer) is { } q ? PrintCommand.ReadQueue(q) : null;
            var sides = printOptions.Sides(parse);
            var printTimeout = printOptions.Timeout(parse);
            var smtpSettings = smtpOptions.Read(parse);

            using var store = StoreSchema.OpenExisting(parse.GetValue(db)!);
            // Key and ledger state first, before the run records the campaign and its letters.
            LedgerPreflight.Check(store, LedgerKey.FromEnvironment());
            // Hashed before the package is read; the run checks it against the approval before it writes anything.
            var hashAtLoad = HashOrNull(parse.GetValue(notice)!);
            var review = PlanReviewer.Review(store, parse.GetValue(notice)!);
            var options = new SendOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                LetterDate = ParseDate(parse.GetValue(date)),
                PrintBatchSize = parse.GetValue(batchSize) > 0 ? parse.GetValue(batchSize) : throw new UsageException("--batch-size must be at least 1."),
                Smtp = smtpSettings,
                ResendUncertain = parse.GetValue(resendUncertain),
                Approval = parse.GetValue(unapproved) ? ApprovalPolicy.Overridden : ApprovalPolicy.Required,
                PackageSha256AtLoad = hashAtLoad,
            };
            var summary = await RunWithProgress(store, review, options, ct);
            PrintSummary(summary, options.OutputDirectory);
            if (summary.Deferred > 0)
            {
                Console.Error.WriteLine(
                    $"fejl: {N(summary.Deferred)} email letters were not accepted by the SMTP server and stay pending"
                    + (summary.SmtpServerProblem is { } why ? $" ({why}). Run send again when the server is back" : ". Run send again later")
                    + "; it sends exactly these.");
            }

            if (summary.Uncertain > 0)
            {
                Console.Error.WriteLine(
                    $"fejl: {N(summary.Uncertain)} email letters are uncertain: they were handed to the SMTP server and the connection "
                    + "was lost (or a run stopped) before its answer, so the server may have them. They were not sent again. Run 'notices dsn import' to resolve them from delivery "
                    + "reports, or 'notices send --resend-uncertain' to send them again with the same Message-ID.");
            }

            if (summary.FailedToMake > 0)
            {
                Console.Error.WriteLine(
                    $"fejl: {N(summary.FailedToMake)} letters could not be made and failed on their own (see 'notices report'); "
                    + "the rest of the campaign went on. Fix the data, re-import, and run send again.");
                foreach (var (letterId, reason) in summary.NotMade.Take(20))
                {
                    Console.Error.WriteLine($"  {letterId}: {reason}");
                }

                if (summary.NotMade.Count > 20)
                {
                    Console.Error.WriteLine($"  … and {N(summary.NotMade.Count - 20)} more (see 'notices report').");
                }
            }

            var code = summary.Unreachable > 0 || summary.Failed > 0 || summary.Deferred > 0 || summary.Uncertain > 0
                ? ExitCodes.NotAllReached
                : ExitCodes.Done;
            if (queue is not null)
            {
                // After delivery: the campaign's sealed batches that are not printed yet, the same path as 'notices print'.
                var printed = await PrintStep.RunAsync(store, summary.CampaignId, new PrintOptions
                {
                    Queue = queue,
                    OutputDirectory = options.OutputDirectory,
                    Sides = sides,
                    Timeout = printTimeout,
                }, ct);
                code = Math.Max(code, printed);
            }

            return code;
        }));
        return command;
    }

    /// <summary>--unapproved: use a package that is not the latest approved one (tests, dry runs); recorded in the ledger.</summary>
    public static Option<bool> Unapproved(string command) => new("--unapproved")
    {
        Description = $"Run {command} although the notice package is not the one last approved with 'notices approve' (for tests "
            + "and dry runs). The run is recorded in the ledger as unapproved and shown by 'notices status' and the report.",
    };

    /// <summary>The package's hash, or null when it cannot be hashed: the package check then names the problem (the run's gate hashes again).</summary>
    private static string? HashOrNull(string noticeDirectory)
    {
        try
        {
            return PackageHasher.Compute(noticeDirectory).Sha256;
        }
        catch (Exception ex) when (ex is Notices.Campaigns.NoticePackageException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
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
        if (s.ReroutedAfterReturn > 0)
        {
            table.AddRow("returned by post, re-routed to email", N(s.ReroutedAfterReturn));
        }
        var smtp = s.EmailDestination?.StartsWith("smtp://", StringComparison.Ordinal) == true;
        table.AddRow(smtp ? "email accepted by the SMTP server" : "email written to the pickup directory", N(s.Emailed));
        if (s.Deferred > 0)
        {
            table.AddRow("[red]email deferred (temporary failure), pending[/]", N(s.Deferred));
        }

        table.AddRow("printed for post", N(s.Printed));
        if (s.PrintedAfterEmailFailure > 0)
        {
            table.AddRow("  of which after a permanent email failure", N(s.PrintedAfterEmailFailure));
        }

        if (s.Resent > 0)
        {
            table.AddRow("uncertain email re-sent with the same Message-ID", N(s.Resent));
        }

        if (s.Uncertain > 0)
        {
            table.AddRow("[red]uncertain email (outcome unknown, not re-sent)[/]", N(s.Uncertain));
        }

        table.AddRow(s.Unreachable > 0 ? "[red]unreachable[/]" : "unreachable", N(s.Unreachable));
        table.AddRow(s.Failed > 0 ? "[red]failed or pending[/]" : "failed or pending", N(s.Failed));
        table.AddRow("time", s.Elapsed.TotalSeconds.ToString("0.0 s", System.Globalization.CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]Output: {Path.GetFullPath(Path.Combine(outputDirectory, s.CampaignId))}[/]");
        if (s.EmailDestination is { } destination)
        {
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[grey]Email: {destination}[/]");
        }
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
