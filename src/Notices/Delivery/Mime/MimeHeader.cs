namespace Notices.Delivery.Mime;

/// <summary>One header as it is written: <paramref name="Text"/> is the whole field ("Name: value", folded with CRLF
/// + space), without the final CRLF. Every line of it is 7-bit ASCII and at most 998 characters.</summary>
public sealed record MimeHeader(string Name, string Text);
