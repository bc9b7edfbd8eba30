namespace Notices.Delivery;

/// <summary>
/// What a channel reports when it has finished its letters: why it stopped using its server, if it did, and the
/// letters it could not deliver that may go by post instead (the run that owns the channels decides and re-routes).
/// </summary>
public sealed record ChannelCompletion(string? ServerProblem = null)
{
    public IReadOnlyList<OutgoingLetter> ForPost { get; init; } = [];

    public static readonly ChannelCompletion Done = new();
}
