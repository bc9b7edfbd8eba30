using System.Globalization;
using Notices.Records;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// <c>send --smtp</c> against <c>send</c> to the pickup directory on the same generated campaign, each from its own
/// store, in pairs whose order alternates, after an unmeasured warm-up (so neither side pays for compiling the
/// renderer). Measured twice: on shared cores, where the mail server's own work (receiving, delivering, delivery
/// reports) competes with rendering, and with the mail server moved to a core of its own and notices to another (both
/// runs of a pair alike), which is how a relay on another machine looks to notices.
/// </summary>
internal static class SmtpEndToEndBench
{
    private sealed record SendFigures(double Rate, MachineCpu Cpu, int Letters);

    /// <summary>The rows, and one SMTP run's store and output folder (its PDFs feed the channel-only measures).</summary>
    public static async Task<(List<(string Measure, string Value)> Rows, string DbPath, string Output)> Run(SmtpBenchSetup setup, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        var records = SmtpBench.WriteEmailPatients(setup.Directory, "e2e", setup.Messages);
        var warmUp = SmtpBench.WriteEmailPatients(setup.Directory, "warm-up", Math.Min(200, setup.Messages));
        await Send(setup, "warm-up-pickup", warmUp, smtp: false, ct);
        await Send(setup, "warm-up-smtp", warmUp, smtp: true, ct);

        var shared = await Pairs(setup, "shared", records, ct);
        var c = setup.Connections;
        rows.Add(("[bold]send --smtp end to end[/]", Invariant(
            $"[bold]{BenchStatistics.Median(Rates(shared.Smtp)):0} letters/s[/] ({setup.Messages:N0} letters rendered and accepted, {c} connections; {BenchStatistics.Runs(Rates(shared.Smtp))})")));
        rows.Add(("send to the pickup directory", Invariant(
            $"{BenchStatistics.Median(Rates(shared.Pickup)):0} letters/s ({BenchStatistics.Runs(Rates(shared.Pickup))}); [bold]send --smtp runs at {shared.Ratio:0.00} × that[/] on shared cores")));
        var ownCpu = Invariant($"notices {PerLetter(shared.Smtp, own: true):0.0} ms with SMTP, {PerLetter(shared.Pickup, own: true):0.0} ms with pickup");
        var otherCpu = Invariant($"{PerLetter(shared.Smtp, own: false):0.0} ms with SMTP, {PerLetter(shared.Pickup, own: false):0.0} ms with pickup");
        rows.Add(("CPU per letter, shared cores", $"{ownCpu}; the other processes (the mail server receiving, delivering and reporting) {otherCpu}"));

        rows.Add(await Split(setup, records, ct));
        return (rows, Path.Combine(setup.Directory, "e2e", "shared-smtp-1", "store.db"), Path.Combine(setup.Directory, "e2e", "shared-smtp-1", "out"));
    }

    private static async Task<(string, string)> Split(SmtpBenchSetup setup, (string Patients, string Devices) records, CancellationToken ct)
    {
        const string measure = "[bold]send --smtp, mail server on its own core[/]";
        if (CoreSplit.Unavailable(setup) is { } why)
        {
            return (measure, "not measured: " + why);
        }

        var (done, split) = await CoreSplit.RunAsync(setup.Postfix!, () => Pairs(setup, "split", records, ct));
        if (!done)
        {
            return (measure, "not measured: may not set the CPU affinity of the mail server's processes (run as root)");
        }

        var rates = Invariant($"[bold]{BenchStatistics.Median(Rates(split.Smtp)):0} letters/s[/] against {BenchStatistics.Median(Rates(split.Pickup)):0} to the pickup directory");
        var ratio = Invariant($"[bold]send --smtp runs at {split.Ratio:0.00} × that[/]");
        var runs = $"SMTP {BenchStatistics.Runs(Rates(split.Smtp))}; pickup {BenchStatistics.Runs(Rates(split.Pickup))}";
        return (measure, $"{rates}; {ratio} (notices on CPU {CoreSplit.ClientCpu} in both runs, Postfix on CPU {CoreSplit.ServerCpus}; {runs})");
    }

    /// <summary>Rounds of one SMTP and one pickup send, alternating which goes first; the ratio is the median of each round's ratio.</summary>
    private static async Task<(List<SendFigures> Smtp, List<SendFigures> Pickup, double Ratio)> Pairs(
        SmtpBenchSetup setup, string name, (string Patients, string Devices) records, CancellationToken ct)
    {
        var smtp = new List<SendFigures>();
        var pickup = new List<SendFigures>();
        for (var round = 1; round <= setup.Rounds; round++)
        {
            foreach (var viaSmtp in round % 2 == 1 ? new[] { true, false } : [false, true])
            {
                var label = $"{name}-{(viaSmtp ? "smtp" : "pickup")}-{round.ToString(CultureInfo.InvariantCulture)}";
                (viaSmtp ? smtp : pickup).Add(await Send(setup, label, records, viaSmtp, ct));
            }
        }

        var ratios = smtp.Zip(pickup, (s, p) => s.Rate / p.Rate).ToList();
        return (smtp, pickup, BenchStatistics.Median(ratios));
    }

    private static async Task<SendFigures> Send(SmtpBenchSetup setup, string label, (string Patients, string Devices) records, bool smtp, CancellationToken ct)
    {
        var folder = Path.Combine(setup.Directory, "e2e", label);
        Directory.CreateDirectory(folder);
        using var db = StoreSchema.Open(Path.Combine(folder, "store.db"));
        var import = new RecordsImporter().Import(db, records.Patients, records.Devices);
        if (!import.Succeeded)
        {
            throw new InvalidOperationException("the generated records did not import: " + import.Errors[0]);
        }

        var review = PlanReviewer.Review(db, setup.NoticeDirectory);
        setup.WaitForIdleServer();
        var before = MachineCpu.Now();
        var summary = await SendCommand.RunWithProgress(db, review, new SendOptions
        {
            OutputDirectory = Path.Combine(folder, "out"),
            LetterDate = new DateOnly(2026, 11, 21),
            Smtp = smtp ? setup.Settings : null,
        }, ct);
        var cpu = MachineCpu.Now() - before;
        if (summary.Emailed != review.Plan.Letters.Count)
        {
            throw new InvalidOperationException($"{label}: only {summary.Emailed} of {review.Plan.Letters.Count} letters were emailed"
                + (summary.SmtpServerProblem is { } problem ? " (" + problem + ")" : ""));
        }

        return new SendFigures(summary.Emailed / summary.Elapsed.TotalSeconds, cpu, summary.Emailed);
    }

    private static List<double> Rates(List<SendFigures> runs) => [.. runs.Select(r => r.Rate)];

    private static double PerLetter(List<SendFigures> runs, bool own) =>
        BenchStatistics.Median(runs.Select(r => (own ? r.Cpu.Own : r.Cpu.Others).TotalMilliseconds / r.Letters).ToList());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
