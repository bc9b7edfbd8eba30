using System.Globalization;
using System.Text;

namespace Notices.Delivery.Batches;

/// <summary>
/// One letter PDF opened for copying: its classic cross-reference table, objects parsed on demand, and its pages in
/// order. Only PDFsharp's plain output is accepted (no xref or object streams, no encryption, no incremental updates).
/// </summary>
internal sealed class LetterPdf
{
    private static readonly string[] s_inheritable = ["/Resources", "/MediaBox", "/CropBox", "/Rotate"];
    private readonly byte[] _data;
    private readonly Dictionary<int, int> _offsets = [];
    private readonly Dictionary<int, PdfObject> _parsed = [];

    private LetterPdf(byte[] data)
    {
        _data = data;
    }

    public byte[] Data => _data;

    public PdfValue.Dict Trailer { get; private set; } = new([]);

    /// <summary>An indirect object; a stream carries the byte range of its (still encoded) data.</summary>
    public sealed record PdfObject(PdfValue Value, int StreamStart, int StreamLength)
    {
        public bool IsStream => StreamStart >= 0;
    }

    public static LetterPdf Open(byte[] data)
    {
        if (data.Length < 32 || !data.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            throw new PdfImportException("not a PDF");
        }

        var pdf = new LetterPdf(data);
        pdf.ReadXref();
        return pdf;
    }

    private void ReadXref()
    {
        var tail = Math.Max(0, _data.Length - 1024);
        var at = _data.AsSpan(tail).LastIndexOf("startxref"u8);
        if (at < 0)
        {
            throw new PdfImportException("no startxref");
        }

        var pos = tail + at + "startxref".Length;
        var xref = PdfParser.Integer(_data, ref pos);
        if (xref < 0 || xref >= _data.Length)
        {
            throw new PdfImportException("startxref out of range");
        }

        pos = xref;
        if (!string.Equals(PdfParser.Word(_data, ref pos), "xref", StringComparison.Ordinal))
        {
            throw new PdfImportException("no classic cross-reference table (xref stream?)");
        }

        while (true)
        {
            var probe = pos;
            var word = PdfParser.Word(_data, ref probe);
            if (string.Equals(word, "trailer", StringComparison.Ordinal))
            {
                pos = probe;
                break;
            }

            var first = PdfParser.Integer(_data, ref pos);
            var count = PdfParser.Integer(_data, ref pos);
            if (first < 0 || count < 0 || count > 1_000_000)
            {
                throw new PdfImportException("bad xref subsection");
            }

            for (var i = 0; i < count; i++)
            {
                var offset = PdfParser.Integer(_data, ref pos);
                _ = PdfParser.Integer(_data, ref pos);
                var kind = PdfParser.Word(_data, ref pos);
                if (string.Equals(kind, "n", StringComparison.Ordinal))
                {
                    _offsets[first + i] = offset;
                }
            }
        }

        Trailer = PdfParser.Value(_data, ref pos) as PdfValue.Dict ?? throw new PdfImportException("trailer is not a dictionary");
        if (Trailer.Get("/Encrypt") is not null || Trailer.Get("/Prev") is not null || Trailer.Get("/XRefStm") is not null)
        {
            throw new PdfImportException("encrypted or incrementally updated PDF");
        }

        // Only our own letters are copied: their layout is known; anything else is not a letter this run rendered.
        if (Resolve(Trailer.Get("/Info")) is not PdfValue.Dict info || info.Get("/Producer") is not PdfValue.Atom producer
            || !producer.Raw.Contains("PDFsharp", StringComparison.Ordinal))
        {
            throw new PdfImportException("not made by PDFsharp");
        }
    }

    public PdfObject Object(int number)
    {
        if (_parsed.TryGetValue(number, out var known))
        {
            return known;
        }

        if (!_offsets.TryGetValue(number, out var offset) || offset < 0 || offset >= _data.Length)
        {
            throw new PdfImportException("object " + number.ToString(CultureInfo.InvariantCulture) + " missing");
        }

        var pos = offset;
        if (PdfParser.Integer(_data, ref pos) != number)
        {
            throw new PdfImportException("xref offset of object " + number.ToString(CultureInfo.InvariantCulture) + " is wrong");
        }

        _ = PdfParser.Integer(_data, ref pos);
        if (!string.Equals(PdfParser.Word(_data, ref pos), "obj", StringComparison.Ordinal))
        {
            throw new PdfImportException("'obj' expected");
        }

        _parsed[number] = new PdfObject(new PdfValue.Atom("null"), -1, 0); // guards against a /Length that refers to itself
        var value = PdfParser.Value(_data, ref pos);
        pos = PdfParser.SkipWhite(_data, pos);
        var result = new PdfObject(value, -1, 0);
        if (_data.AsSpan(pos).StartsWith("stream"u8))
        {
            if (value is not PdfValue.Dict dict)
            {
                throw new PdfImportException("stream without dictionary");
            }

            if (dict.HasName("/Type", "/ObjStm") || dict.HasName("/Type", "/XRef"))
            {
                throw new PdfImportException("object or xref streams are not supported");
            }

            pos += "stream".Length;
            pos += _data[pos] == '\r' && pos + 1 < _data.Length && _data[pos + 1] == '\n' ? 2 : 1;
            var length = Number(dict.Get("/Length"));
            if (length < 0 || pos + length > _data.Length)
            {
                throw new PdfImportException("stream length out of range");
            }

            var after = PdfParser.SkipWhite(_data, pos + length);
            if (!_data.AsSpan(after).StartsWith("endstream"u8))
            {
                throw new PdfImportException("stream length does not reach 'endstream'");
            }

            result = new PdfObject(value, pos, length);
        }

        _parsed[number] = result;
        return result;
    }

    /// <summary>A direct value, or the value a reference points to.</summary>
    public PdfValue Resolve(PdfValue? value) => value switch
    {
        PdfValue.Ref r => Object(r.Number).Value,
        null => new PdfValue.Atom("null"),
        _ => value,
    };

    public int Number(PdfValue? value) =>
        Resolve(value) is PdfValue.Atom a && int.TryParse(a.Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new PdfImportException("integer expected");

    public ReadOnlySpan<byte> StreamBytes(PdfObject obj) => _data.AsSpan(obj.StreamStart, obj.StreamLength);

    /// <summary>The pages in order, each with the attributes it inherits from the page tree made explicit.</summary>
    public List<(int Number, PdfValue.Dict Page)> Pages()
    {
        var catalog = Resolve(Trailer.Get("/Root")) as PdfValue.Dict ?? throw new PdfImportException("no catalog");
        var pages = new List<(int, PdfValue.Dict)>();
        if (catalog.Get("/Pages") is not PdfValue.Ref root)
        {
            throw new PdfImportException("no page tree");
        }

        Walk(root.Number, [], pages, 0);
        return pages;
    }

    private void Walk(int number, List<KeyValuePair<string, PdfValue>> inherited, List<(int, PdfValue.Dict)> pages, int depth)
    {
        if (depth > 32 || pages.Count > 10_000)
        {
            throw new PdfImportException("page tree too deep or too large");
        }

        if (Object(number).Value is not PdfValue.Dict node)
        {
            throw new PdfImportException("page tree node is not a dictionary");
        }

        if (node.HasName("/Type", "/Page"))
        {
            var entries = new List<KeyValuePair<string, PdfValue>>(node.Entries);
            foreach (var attribute in inherited)
            {
                if (node.Get(attribute.Key) is null)
                {
                    entries.Add(attribute);
                }
            }

            pages.Add((number, new PdfValue.Dict(entries)));
            return;
        }

        var passDown = new List<KeyValuePair<string, PdfValue>>(inherited);
        foreach (var key in s_inheritable)
        {
            if (node.Get(key) is { } value)
            {
                passDown.RemoveAll(e => string.Equals(e.Key, key, StringComparison.Ordinal));
                passDown.Add(new(key, value));
            }
        }

        if (Resolve(node.Get("/Kids")) is not PdfValue.Array kids)
        {
            throw new PdfImportException("page tree node without /Kids");
        }

        foreach (var kid in kids.Items)
        {
            Walk(kid is PdfValue.Ref r ? r.Number : throw new PdfImportException("page tree kid is not a reference"), passDown, pages, depth + 1);
        }
    }

    public static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
}
