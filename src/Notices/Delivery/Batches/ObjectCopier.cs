using System.Globalization;

namespace Notices.Delivery.Batches;

/// <summary>
/// Copies the objects one page (or font) needs from a source PDF into a buffer under new numbers. Objects without
/// references and without streams (ExtGState dictionaries and the like) are shared by content with earlier letters.
/// </summary>
internal sealed class ObjectCopier
{
    private readonly LetterPdf _source;
    private readonly BatchPdfFile _file;
    private readonly Func<int, int?> _substitute;
    private readonly Dictionary<int, int> _map = [];
    private readonly Queue<(int Old, int New)> _pending = new();

    public ObjectCopier(LetterPdf source, BatchPdfFile file, Func<int, int?> substitute)
    {
        _source = source;
        _file = file;
        _substitute = substitute;
    }

    /// <summary>Objects written to <see cref="Buffer"/>: new number and offset within the buffer.</summary>
    public List<(int Number, long Offset)> Written { get; } = [];

    /// <summary>Small objects this letter added to the by-content table; the file adopts them when the letter succeeds.</summary>
    public Dictionary<string, int> NewShared { get; } = new(StringComparer.Ordinal);

    public MemoryStream Buffer { get; } = new();

    /// <summary>Gives a source object (a page) its new number; the caller writes it, rewritten, with <see cref="Write"/>.</summary>
    public int Reserve(int old)
    {
        var number = _file.Allocate();
        _map[old] = number;
        return number;
    }

    public int Map(PdfValue.Ref reference)
    {
        var old = reference.Number;
        if (_map.TryGetValue(old, out var known))
        {
            return known;
        }

        if (_substitute(old) is { } shared)
        {
            _map[old] = shared;
            return shared;
        }

        var obj = _source.Object(old);
        if (!obj.IsStream && !PdfSerializer.ContainsRef(obj.Value))
        {
            using var probe = new MemoryStream();
            PdfSerializer.Write(probe, obj.Value, Map);
            var key = LetterPdf.Latin1(probe.GetBuffer().AsSpan(0, (int)probe.Length));
            if (_file.SharedByContent(key) is { } existing || NewShared.TryGetValue(key, out existing))
            {
                _map[old] = existing;
                return existing;
            }

            var number = _file.Allocate();
            NewShared[key] = number;
            _map[old] = number;
            _pending.Enqueue((old, number));
            return number;
        }

        var fresh = _file.Allocate();
        _map[old] = fresh;
        _pending.Enqueue((old, fresh));
        return fresh;
    }

    /// <summary>Writes a (possibly rewritten) object under <paramref name="number"/>, then everything it reaches.</summary>
    public void Write(int number, PdfValue value, LetterPdf.PdfObject? streamOf)
    {
        WriteOne(number, value, streamOf);
        while (_pending.TryDequeue(out var next))
        {
            var obj = _source.Object(next.Old);
            WriteOne(next.New, obj.Value, obj);
        }
    }

    private void WriteOne(int number, PdfValue value, LetterPdf.PdfObject? streamOf)
    {
        Written.Add((number, Buffer.Length));
        PdfSerializer.Ascii(Buffer, number.ToString(CultureInfo.InvariantCulture) + " 0 obj\n");
        PdfSerializer.Write(Buffer, value, Map);
        if (streamOf is { IsStream: true })
        {
            PdfSerializer.Ascii(Buffer, "\nstream\n");
            Buffer.Write(_source.StreamBytes(streamOf));
            PdfSerializer.Ascii(Buffer, "\nendstream");
        }

        PdfSerializer.Ascii(Buffer, "\nendobj\n");
    }
}
