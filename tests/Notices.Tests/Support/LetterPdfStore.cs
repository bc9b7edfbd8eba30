using Notices.Tests.Delivery;
using Notices.Tests.Ledger;

namespace Notices.Tests.Support;

/// <summary>A ledger test store with one letter PDF in it: what the SMTP channel tests send.</summary>
internal sealed class LetterPdfStore : IDisposable
{
    public LetterPdfStore()
    {
        Directory.CreateDirectory(Path.Combine(Store.Directory, "letters"));
        (PdfPath, PdfSha256) = TestPdfs.Create(Path.Combine(Store.Directory, "letters", "letter.pdf"), 1);
    }

    public LedgerTestStore Store { get; } = new();

    public string PdfPath { get; }

    public string PdfSha256 { get; }

    public void Dispose() => Store.Dispose();
}
