namespace Notices.Delivery.Smtp;

/// <summary>
/// Spaces message starts evenly so all connections together stay at or under a rate. Each caller reserves the next
/// free slot and waits for it, so the limit holds without bursts however many workers there are.
/// </summary>
public sealed class SendPacer
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <param name="messagesPerSecond">0 or less: no limit.</param>
    public SendPacer(double messagesPerSecond, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _interval = messagesPerSecond > 0 ? TimeSpan.FromSeconds(1 / messagesPerSecond) : TimeSpan.Zero;
    }

    public bool IsLimited => _interval > TimeSpan.Zero;

    /// <summary>How long the caller must wait before its message may start; reserves that slot.</summary>
    public TimeSpan Reserve()
    {
        if (!IsLimited)
        {
            return TimeSpan.Zero;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var slot = _next > now ? _next : now;
            _next = slot + _interval;
            return slot - now;
        }
    }

    /// <summary>Blocks the calling (worker) thread until its slot.</summary>
    public void Wait(CancellationToken cancellationToken)
    {
        var delay = Reserve();
        if (delay > TimeSpan.Zero)
        {
            cancellationToken.WaitHandle.WaitOne(delay);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
