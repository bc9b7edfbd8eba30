using Notices.Delivery.Smtp;

namespace Notices.Cli.Commands;

/// <summary>What every part of <c>notices bench --smtp</c> shares: the folder, the sample notice, the server and how often each measure runs.</summary>
internal sealed record SmtpBenchSetup(string Directory, string NoticeDirectory, SmtpSettings Settings, int Messages, int Rounds, BenchPostfix? Postfix)
{
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromMinutes(5);

    public int Connections => Settings.Connections;

    /// <summary>Before each measure: let the mail server finish the previous one's deliveries (when we can see its queue).</summary>
    public void WaitForIdleServer() => Postfix?.WaitUntilIdle(s_idleTimeout);
}
