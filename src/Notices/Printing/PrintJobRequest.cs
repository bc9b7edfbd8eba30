namespace Notices.Printing;

/// <summary>One PDF to print on a queue, under a title, on one or both sides.</summary>
/// <param name="Sides">The IPP sides keyword: <c>two-sided-long-edge</c> or <c>one-sided</c>.</param>
public sealed record PrintJobRequest(string Queue, string PdfPath, string Title, string Sides);
