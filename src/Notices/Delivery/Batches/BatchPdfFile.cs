using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Delivery.Batches;

/// <summary>
/// The batch file being written: letters' objects are appended as each letter succeeds; only object offsets, page
/// numbers and the small by-content table stay in memory. Page tree, catalog, info and xref come at the end.
/// </summary>
internal sealed class BatchPdfFile : IDisposable
{
    public const int CatalogNumber = 1;
    public const int PagesNumber = 2;
    public const int InfoNumber = 3;

    private readonly string _path;
    private readonly List<long> _offsets = [0, -1, -1, -1];
    private readonly List<int> _pages = [];
    private readonly Dictionary<string, int> _byContent = new(StringComparer.Ordinal);
    private readonly IncrementalHash _id = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private FileStream? _stream;

    public BatchPdfFile(string path)
    {
        _path = path;
    }

    public int PageCount => _pages.Count;

    public int ObjectCount => _offsets.Count;

    public int Allocate()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    /// <summary>Forgets numbers allocated by a letter that failed (nothing of it was written).</summary>
    public void Rollback(int objectCount) => _offsets.RemoveRange(objectCount, _offsets.Count - objectCount);

    public int? SharedByContent(string key) => _byContent.TryGetValue(key, out var n) ? n : null;

    /// <summary>Appends a copied letter (or shared font) and takes over its pages and shared objects.</summary>
    public void Append(ObjectCopier copier, IEnumerable<int> pages, string? letterSha)
    {
        var stream = Open();
        var start = stream.Position;
        foreach (var (number, offset) in copier.Written)
        {
            _offsets[number] = start + offset;
        }

        copier.Buffer.Position = 0;
        copier.Buffer.CopyTo(stream);
        _pages.AddRange(pages);
        foreach (var (key, number) in copier.NewShared)
        {
            _byContent[key] = number;
        }

        if (letterSha is not null)
        {
            _id.AppendData(Encoding.ASCII.GetBytes(letterSha));
        }
    }

    /// <summary>A page with no content (the pad page for two-sided printing).</summary>
    public void AddBlankPage(PdfValue mediaBox)
    {
        var number = Allocate();
        var stream = Open();
        _offsets[number] = stream.Position;
        PdfSerializer.Ascii(stream, number.ToString(CultureInfo.InvariantCulture) + " 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox ");
        PdfSerializer.Write(stream, mediaBox, _ => throw new PdfImportException("media box with a reference"));
        PdfSerializer.Ascii(stream, "/Resources<<>>>>\nendobj\n");
        _pages.Add(number);
    }

    /// <summary>Writes page tree, catalog, info, xref and trailer, then fsyncs.</summary>
    public void Finish(string title)
    {
        var stream = Open();
        for (var n = 1; n < _offsets.Count; n++)
        {
            if (_offsets[n] < 0 && n > InfoNumber)
            {
                // A number reserved but never used (e.g. a font face no letter had).
                _offsets[n] = stream.Position;
                PdfSerializer.Ascii(stream, n.ToString(CultureInfo.InvariantCulture) + " 0 obj\nnull\nendobj\n");
            }
        }

        _offsets[PagesNumber] = stream.Position;
        var kids = new StringBuilder("2 0 obj\n<</Type/Pages/Count ");
        kids.Append(_pages.Count.ToString(CultureInfo.InvariantCulture)).Append("/Kids[");
        foreach (var page in _pages)
        {
            kids.Append(page.ToString(CultureInfo.InvariantCulture)).Append(" 0 R ");
        }

        kids.Append("]>>\nendobj\n");
        PdfSerializer.Ascii(stream, kids.ToString());
        _offsets[CatalogNumber] = stream.Position;
        PdfSerializer.Ascii(stream, "1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n");
        _offsets[InfoNumber] = stream.Position;
        PdfSerializer.Ascii(stream, "3 0 obj\n<</Title<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(title))
            + ">/Producer(Notices)>>\nendobj\n");

        var xref = stream.Position;
        var table = new StringBuilder("xref\n0 ");
        table.Append(_offsets.Count.ToString(CultureInfo.InvariantCulture)).Append("\n0000000000 65535 f\r\n");
        for (var n = 1; n < _offsets.Count; n++)
        {
            table.Append(_offsets[n].ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n\r\n");
        }

        var id = Convert.ToHexString(_id.GetHashAndReset().AsSpan(0, 16));
        table.Append("trailer\n<</Size ").Append(_offsets.Count.ToString(CultureInfo.InvariantCulture))
            .Append("/Root 1 0 R/Info 3 0 R/ID[<").Append(id).Append("><").Append(id).Append(">]>>\nstartxref\n")
            .Append(xref.ToString(CultureInfo.InvariantCulture)).Append("\n%%EOF\n");
        PdfSerializer.Ascii(stream, table.ToString());
        stream.Flush(flushToDisk: true);
    }

    public bool Started => _stream is not null;

    private FileStream Open()
    {
        if (_stream is null)
        {
            _stream = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            // Binary marker line so transfer tools treat the file as binary, as PDFsharp does.
            _stream.Write(Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n"));
        }

        return _stream;
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _id.Dispose();
    }
}
