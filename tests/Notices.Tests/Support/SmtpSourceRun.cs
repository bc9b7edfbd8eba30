namespace Notices.Tests.Support;

/// <summary>One <see cref="SmtpSource"/> run: how many messages over how many sessions, and the wall-clock time.</summary>
public sealed record SmtpSourceRun(int Messages, int Sessions, long MessageBytes, TimeSpan Elapsed)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
}
