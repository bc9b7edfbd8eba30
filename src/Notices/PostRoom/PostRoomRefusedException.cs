namespace Notices.PostRoom;

/// <summary>A post-room command was refused before anything was recorded; the message names the id and the reason.</summary>
public sealed class PostRoomRefusedException : Exception
{
    public PostRoomRefusedException(string message)
        : base(message)
    {
    }

    public PostRoomRefusedException()
    {
    }

    public PostRoomRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
