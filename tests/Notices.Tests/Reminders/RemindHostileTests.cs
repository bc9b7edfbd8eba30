using Xunit;

namespace Notices.Tests.Reminders;

/// <summary>A careless --as-of: reminders dated far in the future would reach patients and block every later round.</summary>
public sealed class RemindHostileTests : IDisposable
{
    private readonly RemindWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData(367)]
    [InlineData(365 * 73)] // 2099 typed for 2026
    public void An_as_of_more_than_a_year_ahead_is_refused_and_nothing_is_planned(int days)
    {
        Assert.Equal(3, _ws.Send().ExitCode);
        var rows = _ws.Scalar("SELECT COUNT(*) FROM ledger");

        var remind = _ws.Remind(RemindWorkspace.Today(days));

        Assert.True(remind.ExitCode == 2, remind.All);
        Assert.Contains("--as-of", remind.StdErr, StringComparison.Ordinal);
        Assert.Equal(rows, _ws.Scalar("SELECT COUNT(*) FROM ledger"));
        Assert.Empty(_ws.Delivered(1));
    }
}
