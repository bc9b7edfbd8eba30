namespace Notices.Letters.Layout;

/// <summary>What a text run is part of; used by tests and by the painter for nothing but colour.</summary>
public enum TextRole
{
    Body,
    Heading,
    Title,
    Sender,
    Address,
    /// <summary>The small return line above the recipient, inside the window.</summary>
    ReturnAddress,
    DateLine,
    ListMarker,
    TableHeader,
    TableCell,
    Signature,
    Footer,
    ReplyForm,
}
