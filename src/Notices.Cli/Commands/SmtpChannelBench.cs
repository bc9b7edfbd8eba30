using System.Globalization;
using Notices.Delivery;

namespace Notices.Cli.Commands;

/// <summary>
/// The SMTP channel alone (PDFs on disk) against Postfix's smtp-source, like for like: the same message (smtp-source
/// sends the channel's own .eml with -F), the same envelope for every message, no delivery reports, the same number
/// of connections; in rounds that alternate the two, each after the server has emptied its queue.
/// </summary>
internal static class SmtpChannelBench
{
    public static async Task<List<(string Measure, string Value)>> AgainstSmtpSource(
        SmtpBenchSetup setup, List<OutgoingLetter> letters, string messageFile, int connections, bool split, CancellationToken ct)
    {
        var channel = new List<double>();
        var source = new List<double>();
        var channelCpu = new List<MachineCpu>();
        var sourceCpu = new List<MachineCpu>();
        var hasSmtpSource = File.Exists(SmtpBench.SmtpSource);
        double peak = 0;
        for (var round = 1; round <= setup.Rounds; round++)
        {
            setup.WaitForIdleServer();
            var before = MachineCpu.Now();
            var store = Path.Combine(setup.Directory, string.Create(CultureInfo.InvariantCulture, $"channel-{(split ? "split" : "shared")}-{connections}-{round}.db"));
            var (rate, roundPeak) = await SmtpBench.ChannelOnly(setup.Settings with { Connections = connections, RequestDsn = false }, letters, SmtpBench.PlainSender, store, ct);
            channelCpu.Add(MachineCpu.Now() - before);
            channel.Add(rate);
            peak = Math.Max(peak, roundPeak);
            if (hasSmtpSource)
            {
                setup.WaitForIdleServer();
                before = MachineCpu.Now();
                source.Add(SmtpBench.RunSmtpSource(setup.Settings.Server, connections, letters.Count, messageFile));
                sourceCpu.Add(MachineCpu.Now() - before);
            }
        }

        var plural = connections == 1 ? "" : "s";
        var where = split ? $", mail server on its own core" : "";
        var rows = new List<(string, string)>
        {
            ($"[bold]SMTP channel, {connections} connection{plural}{where}[/]", string.Create(CultureInfo.InvariantCulture,
                $"[bold]{BenchStatistics.Median(channel):0} messages/s[/] ({letters.Count:N0} messages from {SmtpBench.SmtpSourceSender} to {SmtpBench.SinkAddress}, no DSN requested; {BenchStatistics.Runs(channel)}; peak working set {peak:0} MB)")),
        };
        if (!hasSmtpSource)
        {
            rows.Add(("smtp-source", "not installed (Debian package postfix)"));
            return rows;
        }

        var ratio = BenchStatistics.Median(channel.Zip(source, (a, b) => a / b).ToList());
        rows.Add(($"smtp-source, {connections} session{plural}{where}", string.Create(CultureInfo.InvariantCulture,
            $"{BenchStatistics.Median(source):0} messages/s (the same message, one connection per session; {BenchStatistics.Runs(source)}); [bold]the channel reaches {ratio:0.00} × that[/] (median of the rounds' ratios)")));
        var channelShare = string.Create(CultureInfo.InvariantCulture,
            $"channel: notices {PerMessage(channelCpu, c => c.Own, letters.Count):0.00} ms, the other processes (the mail server) {PerMessage(channelCpu, c => c.Others, letters.Count):0.00} ms");
        var sourceShare = string.Create(CultureInfo.InvariantCulture,
            $"smtp-source: itself and the mail server {PerMessage(sourceCpu, c => c.Others, letters.Count):0.00} ms");
        rows.Add(($"CPU per message, {connections} connection{plural}{where}", $"{channelShare}; {sourceShare}"));
        return rows;
    }

    private static double PerMessage(List<MachineCpu> runs, Func<MachineCpu, TimeSpan> part, int messages) =>
        runs.Count == 0 ? 0 : BenchStatistics.Median(runs.Select(r => part(r).TotalMilliseconds / messages).ToList());
}
