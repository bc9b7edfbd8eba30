namespace Notices.Delivery.Batches;

/// <summary>A letter PDF this writer does not understand (not PDFsharp's plain output, or damaged).</summary>
internal sealed class PdfImportException(string message) : Exception(message);
