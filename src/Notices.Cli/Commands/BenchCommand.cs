using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Notices.Acknowledgements;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.Reports;
using Notices.Letters;
using Notices.Letters.Templates;
using Notices.Records;
using Notices.Runs;
using Notices.Store;
using Spectre.Console;

namespace Notices.Cli.Commands;

/// <summary>
/// The repository's benchmark: letter rendering on one thread and on all cores, then a whole campaign of generated
/// patients through import and send, with the process's peak memory. Run it in Release.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Generated patients for the end-to-end run.", DefaultValueFactory = _ => 10_000 };
        var letters = new Option<int>("--letters") { Description = "Letters rendered per throughput measurement.", DefaultValueFactory = _ => 1_000 };
        var smtp = new Option<string?>("--smtp")
        {
            Description = "Instead: measure messages/s into this SMTP server (a test server that sinks patients.test, e.g. "
                + "smtp://127.0.0.1:2525 from scripts/postfix-test-setup.sh), beside Postfix's smtp-source as the ceiling.",
        };
        var messages = new Option<int>("--messages") { Description = "Messages for the SMTP benchmark.", DefaultValueFactory = _ => 2_000 };
        var connections = new Option<int>("--connections") { Description = "SMTP connections (and smtp-source sessions).", DefaultValueFactory = _ => 16 };
        var rounds = new Option<int>("--rounds") { Description = "Runs of each SMTP measure; the median is reported.", DefaultValueFactory = _ => 3 };
        var postfixConfig = new Option<string?>("--postfix-config")
        {
            Description = "The configuration folder of the local Postfix instance behind --smtp (e.g. /var/lib/notices-test-postfix/etc). "
                + "With it the SMTP benchmark waits for the queue to empty before each measure and runs every measure again with Postfix "
                + "on a core of its own (CPU affinity only, restored afterwards; needs root). Its configuration is not changed.",
        };
        var output = new Option<string>("--out")
        {
            Description = "Working folder, wiped first: only a new or empty folder, or one an earlier bench made (it holds a "
                + BenchFolder.MarkerName + " file); any other folder is refused.",
            DefaultValueFactory = _ => Path.Combine("out", "bench"),
        };
        var batchLetters = new Option<int>("--batch-letters") { Description = "Post letters for the print-batch benchmark.", DefaultValueFactory = _ => 5_000 };
        var batchesOnly = new Option<bool>("--batches-only") { Description = "Run only the print-batch benchmark." };
        var batchChild = new Option<string?>("--batch-child") { Hidden = true };
        var command = new Command("bench",
            "Measure: letters/s rendering the sample notice (one thread, all cores), then a generated campaign end to end "
            + "(import + send: PDFs, .eml files, print batches, ledger) with peak memory. Build with -c Release first.\n\n"
            + "Examples:\n  notices bench --patients 18000\n"
            + "  bash scripts/bench-smtp.sh   (notices bench --smtp smtp://127.0.0.1:2525 --postfix-config /var/lib/notices-test-postfix/etc against the test Postfix)")
        {
            patients, letters, smtp, messages, connections, rounds, postfixConfig, output, batchLetters, batchesOnly, batchChild,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => parse.GetValue(batchChild) is { } list
            ? Task.FromResult(BatchBench.RunChild(list, parse.GetValue(batchLetters), parse.GetValue(output)!))
            : parse.GetValue(batchesOnly) ? RunBatches(parse.GetValue(batchLetters), parse.GetValue(output)!)
            : parse.GetValue(smtp) is { } url
            ? RunSmtp(url, parse.GetValue(messages), parse.GetValue(connections), parse.GetValue(rounds), parse.GetValue(postfixConfig), parse.GetValue(output)!, ct)
            : Run(parse.GetValue(patients), parse.GetValue(letters), parse.GetValue(output)!, ct, parse.GetValue(batchLetters))));
        return command;
    }

    public static Task<int> RunBatches(int batchLetters, string directory)
    {
        if (batchLetters < 1)
        {
            throw new UsageException("--batch-letters must be at least 1.");
        }

        var sample = Prepare(directory);
        var rows = MachineRows();
        rows.AddRange(BatchBench.Run(directory, sample.NoticeDirectory, batchLetters));
        Print(rows);
        return Task.FromResult(ExitCodes.Done);
    }

    public static async Task<int> RunSmtp(string url, int messages, int connections, int rounds, string? postfixConfig, string directory, CancellationToken ct)
    {
        var settings = SmtpOptionsReader.Read(url, insecure: false, connections, 0, 30, 4, printFallback: false);
        if (messages < 1)
        {
            throw new UsageException("--messages must be at least 1.");
        }

        if (rounds < 1)
        {
            throw new UsageException("--rounds must be at least 1.");
        }

        var postfix = BenchPostfix.Open(postfixConfig);
        var sample = Prepare(directory);
        var rows = MachineRows();
        rows.AddRange(await SmtpBench.Run(new SmtpBenchSetup(directory, sample.NoticeDirectory, settings, messages, rounds, postfix), ct));
        Print(rows);
        return ExitCodes.Done;
    }

    public static async Task<int> Run(int patientCount, int letterCount, string directory, CancellationToken ct, int batchLetters = 5_000)
    {
        var sample = Prepare(directory);
        var rows = MachineRows();
        if (batchLetters < 1)
        {
            throw new UsageException("--batch-letters must be at least 1.");
        }

        // 1. End to end first, so the peak working set is the campaign's, not the render loop's.
        var patientsCsv = Path.Combine(directory, "patients.csv");
        var devicesCsv = Path.Combine(directory, "devices.csv");
        SampleRecordsGenerator.Write(patientsCsv, devicesCsv, patientCount, seed: 42);
        var dbPath = Path.Combine(directory, "notices.db");
        var clock = Stopwatch.StartNew();
        using (var db = StoreSchema.Open(dbPath))
        {
            var import = new RecordsImporter().Import(db, patientsCsv, devicesCsv);
            var importTime = clock.Elapsed;
            if (!import.Succeeded)
            {
                throw new InvalidOperationException("the generated records did not import: " + import.Errors[0]);
            }

            var review = PlanReviewer.Review(db, sample.NoticeDirectory);
            var planTime = clock.Elapsed - importTime;
            var summary = await SendCommand.RunWithProgress(db, review, new SendOptions { OutputDirectory = directory, LetterDate = new DateOnly(2026, 11, 21) }, ct);
            var total = clock.Elapsed;
            rows.Add(("patients imported", $"{patientCount:N0} in {importTime.TotalSeconds:0.0} s"));
            rows.Add(("plan", $"{review.Plan.Letters.Count:N0} letters in {planTime.TotalSeconds:0.0} s"));
            rows.Add(("send", $"{summary.Rendered:N0} PDFs, {summary.Emailed:N0} .eml, {summary.Printed:N0} printed in {summary.Elapsed.TotalSeconds:0.0} s"));
            rows.Add(("[bold]campaign end to end[/]", $"[bold]{total.TotalSeconds:0.0} s[/] (import + plan + send), {review.Plan.Letters.Count / summary.Elapsed.TotalSeconds:0} letters/s in send"));
            rows.AddRange(await FollowUp(db, review, directory, ct));
        }

        rows.Add(("[bold]peak memory (working set)[/]", $"[bold]{Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):0} MB[/]"));

        // 2. Rendering throughput: merge + Markdown + layout + PDF for the sample letter, into memory.
        using (var db = StoreSchema.Open(dbPath))
        {
            var review = PlanReviewer.Review(db, sample.NoticeDirectory);
            var letter = review.Plan.Letters.First(l => l.Channel == DeliveryChannelKind.Post && !l.Recipient.LargePrint);
            var composer = new LetterComposer(review.Notice, review.Templates);
            var writer = new PdfSharpLetterWriter();
            var date = new DateOnly(2026, 11, 21);
            var pages = RenderOnce(composer, writer, letter, date);
            RenderMany(composer, writer, letter, date, Math.Min(200, letterCount), 1); // warm-up
            var single = RenderMany(composer, writer, letter, date, letterCount, 1);
            var all = RenderMany(composer, writer, letter, date, letterCount * Environment.ProcessorCount, Environment.ProcessorCount);
            var mergeMicroseconds = MergeMicroseconds(review.Templates, letter, date, letterCount);
            var renderMicroseconds = 1e6 / single;
            rows.Add(("letter", $"{pages} pages (sample notice, incl. reply form)"));
            rows.Add(("[bold]render, 1 thread[/]", $"[bold]{single:0} letters/s[/] ({renderMicroseconds:0} µs per letter)"));
            rows.Add(("merge (templates), 1 thread", $"{mergeMicroseconds:0.0} µs per letter, {mergeMicroseconds / renderMicroseconds:0.0%} of render"));
            rows.Add(($"[bold]render, {Environment.ProcessorCount} threads[/]", $"[bold]{all:0} letters/s[/] ({all / Environment.ProcessorCount:0} per core)"));
        }

        // 3. Print batches: the post letters batched alone, in a child process (its own peak memory).
        rows.AddRange(BatchBench.Run(directory, sample.NoticeDirectory, batchLetters));
        Print(rows);
        return ExitCodes.Done;
    }

    /// <summary>The follow-up of the same campaign: every third reached patient acknowledges, the rest get a reminder
    /// round as of 31 days after the letters, and the authority's report is written.</summary>
    private static async Task<List<(string Measure, string Value)>> FollowUp(NoticesDbContext db, PlanReview review, string directory, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var letterDate = new DateOnly(2026, 11, 21);
        var replies = LetterStateProjector.Project(db, review.Notice.Id).Letters
            .Where(l => l.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed)
            .Where((_, i) => i % 3 == 0)
            .Select(l => new AckRequest(l.LetterId, DateOnly.FromDateTime(DateTime.Today), AckMethod.Post, AckSource.File))
            .ToList();
        var acknowledged = new AckRun(db).Run(review.Notice.Id, replies, inputHasProblems: false, "bench").Recorded.Count;
        var ackTime = clock.Elapsed;
        var remind = await new RemindRun(db, new PdfSharpLetterWriter()).RunAsync(review.Notice, review.Templates,
            new RemindOptions { OutputDirectory = directory, AsOf = letterDate.AddDays(31), AfterDays = 30 }, null, ct);
        var remindTime = clock.Elapsed - ackTime;
        var projection = LetterStateProjector.Project(db, review.Notice.Id);
        var figures = EffectivenessFigures.From(projection, ReportCampaigns.Read(db, projection, ReportDays.Day(DateTimeOffset.UtcNow)));
        var campaignDir = Path.Combine(directory, review.Notice.Id);
        var (_, pages) = EffectivenessReportPdf.Write(figures, LedgerHeadSummary.Read(db), campaignDir);
        EffectivenessCsvWriter.Write(figures, campaignDir);
        var reportTime = clock.Elapsed - ackTime - remindTime;
        return
        [
            ("ack", $"{acknowledged:N0} acknowledgements in {ackTime.TotalSeconds:0.0} s"),
            ("remind", $"{remind.RemindedByEmail + remind.RemindedByPost:N0} reminders ({remind.Rendered:N0} PDFs) in {remindTime.TotalSeconds:0.0} s"),
            ("report", $"report.pdf ({pages} pages) + report.csv ({figures.Affected:N0} rows) in {reportTime.TotalSeconds:0.0} s"),
        ];
    }

    private static (string Patients, string Devices, string NoticeDirectory) Prepare(string directory)
    {
        BenchFolder.Prepare(directory);
        return SampleFiles.Extract(Path.Combine(directory, "sample"));
    }

    private static List<(string Measure, string Value)> MachineRows() =>
    [
        ("machine", $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"),
#if DEBUG
        ("build", "[red]Debug – rebuild with -c Release for real figures[/]"),
#else
        ("build", "Release"),
#endif
    ];

    private static void Print(List<(string Measure, string Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]notices bench[/]").AddColumn("measure").AddColumn("result");
        foreach (var (measure, value) in rows)
        {
            table.AddRow(measure, value);
        }

        AnsiConsole.Write(table);
    }

    private static int RenderOnce(LetterComposer composer, ILetterPdfWriter writer, PlannedLetter letter, DateOnly date)
    {
        using var buffer = new MemoryStream();
        return writer.Write(composer.Compose(letter, date).Document, buffer);
    }

    /// <summary>Merge alone (letter.md, email.md and the subject for one letter), the part of render the template engine
    /// owns: µs per letter on one thread, after a warm-up.</summary>
    private static double MergeMicroseconds(NoticeTemplates templates, PlannedLetter letter, DateOnly date, int count)
    {
        for (var i = 0; i < Math.Min(200, count); i++)
        {
            templates.Merge(letter, date);
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            templates.Merge(letter, date);
        }
        return clock.Elapsed.TotalMicroseconds / count;
    }

    private static double RenderMany(LetterComposer composer, ILetterPdfWriter writer, PlannedLetter letter, DateOnly date, int count, int threads)
    {
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => RenderOnce(composer, writer, letter, date));
        return count / clock.Elapsed.TotalSeconds;
    }
}
