using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Delivery;
using Notices.Delivery.Smtp;
using Notices.Ledger;
using Notices.Letters.Templates;
using Notices.Records;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>notices bench --smtp URL</c>: messages per second into a real SMTP server with the real letters attached, beside
/// Postfix's own <c>smtp-source</c> sending messages of the same size over the same number of sessions (the ceiling).
/// Every generated patient has email at patients.test, so point it only at a test server that sinks that domain.
/// </summary>
internal static class SmtpBench
{
    private const string SmtpSource = "/usr/sbin/smtp-source";

    public static async Task<List<(string Measure, string Value)>> Run(SmtpBenchSetup setup, CancellationToken ct)
    {
        // 1. The real thing, `send --smtp` against `send` to the pickup directory, on shared and on split cores.
        var (rows, dbPath, output) = await SmtpEndToEndBench.Run(setup, ct);

        // 2. The SMTP channel alone (PDFs already on disk) against smtp-source, in alternating rounds.
        using var db = StoreSchema.Open(dbPath);
        var review = PlanReviewer.Review(db, setup.NoticeDirectory);
        var letters = LoadOutgoing(db, review, output);
        var size = MessageSize(letters[0], review, setup.Directory);
        rows.Add(("message", $"{size / 1024.0:0} KB (PDF {new FileInfo(letters[0].PdfPath).Length / 1024.0:0} KB base64-encoded, text + HTML)"));
        var hasSmtpSource = File.Exists(SmtpSource);
        foreach (var n in new[] { 1, setup.Connections }.Distinct())
        {
            var channel = new List<double>();
            var source = new List<double>();
            double peak = 0;
            for (var round = 1; round <= setup.Rounds; round++)
            {
                // Like for like with smtp-source, which asks for no delivery reports (each one is more work for the server).
                setup.WaitForIdleServer();
                var (rate, roundPeak) = await ChannelOnly(setup.Settings with { Connections = n, RequestDsn = false }, letters,
                    Path.Combine(setup.Directory, string.Create(CultureInfo.InvariantCulture, $"channel-{n}-{round}.db")), ct);
                channel.Add(rate);
                peak = Math.Max(peak, roundPeak);
                if (hasSmtpSource)
                {
                    setup.WaitForIdleServer();
                    source.Add(RunSmtpSource(setup.Settings.Server, n, letters.Count, size));
                }
            }

            var plural = n == 1 ? "" : "s";
            rows.Add(($"[bold]SMTP channel, {n} connection{plural}[/]", string.Create(CultureInfo.InvariantCulture,
                $"[bold]{BenchStatistics.Median(channel):0} messages/s[/] ({letters.Count:N0} messages, no DSN requested; {BenchStatistics.Runs(channel)}; peak working set {peak:0} MB)")));
            rows.Add(hasSmtpSource
                ? ($"smtp-source, {n} session{plural}", string.Create(CultureInfo.InvariantCulture,
                    $"{BenchStatistics.Median(source):0} messages/s ({letters.Count:N0} × {size / 1024.0:0} KB, one connection per session; {BenchStatistics.Runs(source)}); "
                    + $"[bold]the channel reaches {BenchStatistics.Median(channel.Zip(source, (a, b) => a / b).ToList()):0.00} × that[/] (median of the rounds' ratios)"))
                : ("smtp-source", "not installed (Debian package postfix)"));
        }

        // 3. Once with the delivery reports a campaign asks for.
        setup.WaitForIdleServer();
        var (dsnRate, _) = await ChannelOnly(setup.Settings, letters, Path.Combine(setup.Directory, "channel-dsn.db"), ct);
        rows.Add(($"SMTP channel, {setup.Connections} connections, DSN", $"{dsnRate:0} messages/s (NOTIFY=SUCCESS,FAILURE, as a campaign sends; 1 run)"));
        return rows;
    }

    private static async Task<(double Rate, double PeakMb)> ChannelOnly(SmtpSettings settings, List<OutgoingLetter> letters, string dbPath, CancellationToken ct)
    {
        using var db = StoreSchema.Open(dbPath);
        using var ledger = new LedgerWriter(db);
        var clock = Stopwatch.StartNew();
        await using (var channel = new SmtpChannel(settings, Identity, new LedgerDeliveryLog(ledger)))
        {
            foreach (var letter in letters)
            {
                await channel.DeliverAsync(letter, ct);
            }

            if ((await channel.CompleteAsync(ct)).ServerProblem is { } problem)
            {
                throw new InvalidOperationException("the SMTP server failed during the benchmark: " + problem);
            }
        }

        var rate = letters.Count / clock.Elapsed.TotalSeconds;
        ledger.Flush();
        var accepted = db.Ledger.Count(e => e.Kind == LedgerEventKind.EmailAccepted);
        if (accepted != letters.Count)
        {
            throw new InvalidOperationException($"only {accepted} of {letters.Count} messages were accepted");
        }

        using var self = Process.GetCurrentProcess();
        return (rate, self.PeakWorkingSet64 / (1024.0 * 1024));
    }

    private static readonly VerpSigner s_verp = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static EmailIdentity Identity => new() { FromAddress = "fsn@example.com", FromDisplayName = "Notices bench", BounceDomain = "bounces.example.com", Verp = s_verp };

    private static List<OutgoingLetter> LoadOutgoing(NoticesDbContext db, PlanReview review, string output)
    {
        var paths = new CampaignPaths(output, review.Notice.Id);
        var composer = new LetterComposer(review.Notice, review.Templates);
        return db.Letters.AsNoTracking().Where(l => l.CampaignId == review.Notice.Id).OrderBy(l => l.Sequence).AsEnumerable()
            .Select(record =>
            {
                var planned = LetterSnapshot.FromJson(record.SnapshotJson);
                var composed = composer.Compose(planned, new DateOnly(2026, 11, 21));
                return OutgoingLetterBuilder.Build(review.Notice.Id, planned, composed, paths.LetterPdf(planned.LetterId), record.PdfSha256 ?? "", 0);
            })
            .ToList();
    }

    /// <summary>The size of one real message, written once through the pickup directory.</summary>
    private static long MessageSize(OutgoingLetter letter, PlanReview review, string directory)
    {
        var pickup = Path.Combine(directory, "size-probe");
        using var db = StoreSchema.Open(Path.Combine(directory, "size-probe.db"));
        using var ledger = new LedgerWriter(db);
        var channel = new EmailPickupChannel(new EmailPickupOptions { PickupDirectory = pickup, FromAddress = Identity.FromAddress, BounceDomain = Identity.BounceDomain, Verp = s_verp }, new LedgerDeliveryLog(ledger));
        channel.DeliverAsync(letter, CancellationToken.None).GetAwaiter().GetResult();
        channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new FileInfo(Path.Combine(pickup, EmailPickupChannel.FileNameFor(letter.LetterId))).Length;
    }

    private static double RunSmtpSource(SmtpServerAddress server, int sessions, int messages, long size)
    {
        var info = new ProcessStartInfo(SmtpSource) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            // -d: all of a session's messages over one connection, as the channel does (without it smtp-source reconnects per message).
            "-d", "-s", sessions.ToString(CultureInfo.InvariantCulture), "-m", messages.ToString(CultureInfo.InvariantCulture),
            "-l", size.ToString(CultureInfo.InvariantCulture), "-f", "bench@example.com", "-t", "sink@patients.test",
            $"{server.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source failed (exit {process.ExitCode}): {stderr.Result}");
        }

        return messages / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Generated patients, all consenting to email at patients.test, each with one affected pump.</summary>
    public static (string Patients, string Devices) WriteEmailPatients(string directory, string name, int count)
    {
        var patients = new StringBuilder("patient_id;first_name;last_name;address_line1;address_line2;postal_code;city;country;email;email_consent;large_print\n");
        var devices = new StringBuilder("patient_id;manufacturer;model;serial_number;software_version\n");
        for (var n = 1; n <= count; n++)
        {
            patients.Append(CultureInfo.InvariantCulture, $"B{n:D6};Søren;Ærø;Åboulevarden {n};;8000;Aarhus C;DK;bench{n}@patients.test;ja;nej\n");
            devices.Append(CultureInfo.InvariantCulture, $"B{n:D6};Medtronic;MiniMed Paradigm 512;NG{n:D7}H;\n");
        }

        var patientsPath = Path.Combine(directory, name + "-patients.csv");
        var devicesPath = Path.Combine(directory, name + "-devices.csv");
        File.WriteAllText(patientsPath, patients.ToString(), new UTF8Encoding(true));
        File.WriteAllText(devicesPath, devices.ToString(), new UTF8Encoding(true));
        return (patientsPath, devicesPath);
    }
}
