namespace Notices.Delivery.Mime;

/// <summary>The letter PDF changed length while its message was being written: the letter's fault, not the connection's.</summary>
public sealed class AttachmentChangedException : IOException
{
    public AttachmentChangedException()
        : base("the PDF changed while the message was written")
    {
    }

    public AttachmentChangedException(string message)
        : base(message)
    {
    }

    public AttachmentChangedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
