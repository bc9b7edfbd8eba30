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
    internal const string SmtpSource = "/usr/sbin/smtp-source";

    public static async Task<List<(string Measure, string Value)>> Run(SmtpBenchSetup setup, CancellationToken ct)
    {
        // 1. The real thing, `send --smtp` against `send` to the pickup directory, on shared and on split cores.
        var (rows, dbPath, output) = await SmtpEndToEndBench.Run(setup, ct);

        // 2. The SMTP channel alone (PDFs already on disk) against smtp-source, in alternating rounds.
        using var db = StoreSchema.Open(dbPath);
        var review = PlanReviewer.Review(db, setup.NoticeDirectory);
        var letters = LoadOutgoing(db, review, output);
        var (size, messageFile) = WriteProbeMessage(letters[0], review, setup.Directory);
        rows.Add(("message", $"{size / 1024.0:0} KB (PDF {new FileInfo(letters[0].PdfPath).Length / 1024.0:0} KB base64-encoded, text + HTML)"));
        // Like for like with smtp-source: the same envelope for every message (its -f and -t), no delivery reports,
        // and smtp-source sends the channel's own message (-F), so the server does the same work for both.
        var sameEnvelope = letters.Select(l => l with { EmailAddress = SinkAddress }).ToList();
        foreach (var n in new[] { 1, setup.Connections }.Distinct())
        {
            rows.AddRange(await SmtpChannelBench.AgainstSmtpSource(setup, sameEnvelope, messageFile, n, split: false, ct));
        }

        if (CoreSplit.Unavailable(setup) is { } why)
        {
            rows.Add(("[bold]SMTP channel, mail server on its own core[/]", "not measured: " + why));
        }
        else
        {
            var (done, splitRows) = await CoreSplit.RunAsync(setup.Postfix!, async () =>
            {
                var all = new List<(string, string)>();
                foreach (var n in new[] { 1, setup.Connections }.Distinct())
                {
                    all.AddRange(await SmtpChannelBench.AgainstSmtpSource(setup, sameEnvelope, messageFile, n, split: true, ct));
                }

                return all;
            });
            rows.AddRange(done ? splitRows! : [("[bold]SMTP channel, mail server on its own core[/]", "not measured: may not set the CPU affinity of the mail server's processes (run as root)")]);
        }

        // 3. Once with the delivery reports a campaign asks for.
        setup.WaitForIdleServer();
        var (dsnRate, _) = await ChannelOnly(setup.Settings, letters, Identity, Path.Combine(setup.Directory, "channel-dsn.db"), ct);
        rows.Add(($"SMTP channel, {setup.Connections} connections, as a campaign", $"{dsnRate:0} messages/s (each letter from its own VERP address to its own patient, NOTIFY=SUCCESS,FAILURE; 1 run)"));
        return rows;
    }

    internal static async Task<(double Rate, double PeakMb)> ChannelOnly(SmtpSettings settings, List<OutgoingLetter> letters, EmailIdentity identity, string dbPath, CancellationToken ct)
    {
        using var db = StoreSchema.Open(dbPath);
        using var ledger = new LedgerWriter(db);
        var clock = Stopwatch.StartNew();
        await using (var channel = new SmtpChannel(settings, identity, new LedgerDeliveryLog(ledger)))
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

    internal const string SmtpSourceSender = "bench@example.com";

    internal const string SinkAddress = "sink@patients.test";

    /// <summary>No bounce domain, so MAIL FROM is the From address, as smtp-source's -f.</summary>
    internal static readonly EmailIdentity PlainSender = new() { FromAddress = SmtpSourceSender, FromDisplayName = "Notices bench" };

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

    /// <summary>
    /// One real message, written once through the pickup directory: its size, and a copy with bare LF line ends for
    /// smtp-source -F (which sends each line followed by CRLF, dot-stuffed).
    /// </summary>
    private static (long Size, string LfFile) WriteProbeMessage(OutgoingLetter letter, PlanReview review, string directory)
    {
        var pickup = Path.Combine(directory, "size-probe");
        using var db = StoreSchema.Open(Path.Combine(directory, "size-probe.db"));
        using var ledger = new LedgerWriter(db);
        var channel = new EmailPickupChannel(new EmailPickupOptions { PickupDirectory = pickup, FromAddress = Identity.FromAddress, BounceDomain = Identity.BounceDomain, Verp = s_verp }, new LedgerDeliveryLog(ledger));
        channel.DeliverAsync(letter, CancellationToken.None).GetAwaiter().GetResult();
        channel.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var eml = Path.Combine(pickup, EmailPickupChannel.FileNameFor(letter.LetterId));
        var lf = Path.Combine(directory, "smtp-source-message.txt");
        var bytes = File.ReadAllBytes(eml);
        File.WriteAllBytes(lf, [.. bytes.Where(b => b != (byte)'\r')]);
        return (bytes.Length, lf);
    }

    internal static double RunSmtpSource(SmtpServerAddress server, int sessions, int messages, string messageFile)
    {
        var info = new ProcessStartInfo(SmtpSource) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            // -d: all of a session's messages over one connection, as the channel does (without it smtp-source reconnects per message).
            "-d", "-s", sessions.ToString(CultureInfo.InvariantCulture), "-m", messages.ToString(CultureInfo.InvariantCulture),
            "-F", messageFile, "-f", SmtpSourceSender, "-t", SinkAddress,
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
