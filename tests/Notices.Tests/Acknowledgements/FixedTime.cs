namespace Notices.Tests.Acknowledgements;

/// <summary>A clock standing still at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
