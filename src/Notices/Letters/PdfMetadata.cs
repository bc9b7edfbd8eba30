namespace Notices.Letters;

public sealed record PdfMetadata(string Title, string Author, string Subject, string Keywords, string Language = "da-DK");
