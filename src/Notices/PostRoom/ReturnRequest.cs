namespace Notices.PostRoom;

/// <summary>One returned letter as given: by hand (<see cref="Line"/> null) or on a line of a returns file.</summary>
public sealed record ReturnRequest(string LetterId, DateOnly ReturnedOn, string Reason)
{
    public int? Line { get; init; }
}
