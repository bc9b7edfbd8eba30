using Notices.Delivery.Smtp;
using Xunit;

namespace Notices.Tests.Delivery.Smtp;

public sealed class SendPacerTests
{
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Reservations_are_spaced_by_the_rate_however_many_callers_ask_at_once()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        var pacer = new SendPacer(4, clock);

        var waits = Enumerable.Range(0, 5).Select(_ => pacer.Reserve().TotalMilliseconds).ToList();

        Assert.Equal([0, 250, 500, 750, 1000], waits);
    }

    [Fact]
    public void An_idle_pacer_does_not_save_up_a_burst()
    {
        var clock = new StoppedClock(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
        var pacer = new SendPacer(2, clock);
        pacer.Reserve();

        clock.Now += TimeSpan.FromSeconds(10);

        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(500), pacer.Reserve());
    }

    [Fact]
    public void Zero_means_no_limit()
    {
        var pacer = new SendPacer(0);

        Assert.False(pacer.IsLimited);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(TimeSpan.Zero, pacer.Reserve()));
    }
}
