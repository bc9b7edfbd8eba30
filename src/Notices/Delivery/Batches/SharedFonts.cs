using System.Globalization;
using System.IO.Compression;
using System.Text;
using Notices.Letters;
using Notices.Letters.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Notices.Delivery.Batches;

/// <summary>
/// One font per DejaVu face for the whole batch. Letters' subsets keep DejaVu's glyph ids, so their content streams
/// work unchanged with any font program holding those glyphs. While letters stream by, this collects each face's
/// glyphs (from the letters' ToUnicode maps); at the end PDFsharp itself makes a union subset by drawing those
/// characters in a throw-away "carrier" document, whose font objects are copied in under the reserved numbers.
/// </summary>
internal sealed partial class SharedFonts
{
    private static readonly FontFace[] s_faces = [FontFace.Regular, FontFace.Bold, FontFace.Italic, FontFace.BoldItalic];
    private static readonly Lazy<Dictionary<string, FontFace>> s_knownNames = new(ProbeNames);
    private readonly Dictionary<FontFace, int> _reserved = [];
    private readonly Dictionary<FontFace, Dictionary<int, string>> _glyphs = [];

    public SharedFonts(BatchPdfFile file)
    {
        foreach (var face in s_faces)
        {
            _reserved[face] = file.Allocate();
            _glyphs[face] = [];
        }
    }

    /// <summary>
    /// If object <paramref name="number"/> of <paramref name="letter"/> is one of our DejaVu Type0 fonts, records its
    /// glyphs in <paramref name="pending"/> and returns the shared font's number; otherwise null (the letter keeps it).
    /// </summary>
    public int? Substitute(LetterPdf letter, int number, Dictionary<FontFace, Dictionary<int, string>> pending)
    {
        if (letter.Object(number).Value is not PdfValue.Dict font || !font.HasName("/Subtype", "/Type0")
            || !font.HasName("/Encoding", "/Identity-H") || font.Get("/BaseFont") is not PdfValue.Atom { IsName: true } baseFont
            || !s_knownNames.Value.TryGetValue(FaceName(baseFont.Raw), out var face)
            || letter.Resolve(font.Get("/DescendantFonts")) is not PdfValue.Array { Items: [var descendant] }
            || letter.Resolve(descendant) is not PdfValue.Dict cid || !cid.HasName("/Subtype", "/CIDFontType2")
            || (cid.Get("/CIDToGIDMap") is { } map && !(letter.Resolve(map) is PdfValue.Atom { Raw: "/Identity" }))
            || font.Get("/ToUnicode") is not PdfValue.Ref toUnicode)
        {
            return null;
        }

        if (!pending.TryGetValue(face, out var glyphs))
        {
            glyphs = pending[face] = [];
        }

        ReadToUnicode(letter, letter.Object(toUnicode.Number), glyphs);
        return _reserved[face];
    }

    /// <summary>Adds a letter's glyphs once the letter made it into the batch.</summary>
    public void Commit(Dictionary<FontFace, Dictionary<int, string>> pending)
    {
        foreach (var (face, glyphs) in pending)
        {
            foreach (var (glyph, text) in glyphs)
            {
                _glyphs[face].TryAdd(glyph, text);
            }
        }
    }

    /// <summary>Writes the union subsets under the reserved numbers (faces no letter used stay reserved, written as null).</summary>
    public void WriteTo(BatchPdfFile file)
    {
        var used = s_faces.Where(f => _glyphs[f].Count > 0).ToList();
        if (used.Count == 0)
        {
            return;
        }

        var carrier = LetterPdf.Open(Carrier(used.ToDictionary(f => f, f => _glyphs[f])));
        var (_, page) = carrier.Pages()[0];
        var fonts = carrier.Resolve(carrier.Resolve((page.Get("/Resources"))) is PdfValue.Dict resources ? resources.Get("/Font") : null)
            as PdfValue.Dict ?? throw new InvalidOperationException("the carrier document has no fonts");
        foreach (var entry in fonts.Entries)
        {
            var reference = (PdfValue.Ref)entry.Value;
            var font = (PdfValue.Dict)carrier.Object(reference.Number).Value;
            var face = s_knownNames.Value[FaceName(((PdfValue.Atom)font.Get("/BaseFont")!).Raw)];
            var covered = new Dictionary<int, string>();
            ReadToUnicode(carrier, carrier.Object(((PdfValue.Ref)font.Get("/ToUnicode")!).Number), covered);
            var missing = _glyphs[face].Keys.FirstOrDefault(g => !covered.ContainsKey(g), -1);
            if (missing >= 0)
            {
                // PDFsharp changed how it numbers subset glyphs: sharing would print wrong characters. Fail loudly.
                throw new InvalidOperationException(
                    $"the shared {face} font lacks glyph {missing.ToString(CultureInfo.InvariantCulture)}: batch not written");
            }

            var copier = new ObjectCopier(carrier, file, _ => null);
            copier.Write(_reserved[face], font, null);
            file.Append(copier, [], null);
        }
    }

    /// <summary>The face part of a subset name: "/ABCDEF+DejaVu#20Sans,Bold" → "DejaVu Sans,Bold".</summary>
    private static string FaceName(string rawName)
    {
        var plus = rawName.IndexOf('+', StringComparison.Ordinal);
        var name = plus >= 0 ? rawName[(plus + 1)..] : rawName.TrimStart('/');
        if (!name.Contains('#', StringComparison.Ordinal))
        {
            return name;
        }

        var decoded = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '#' && i + 2 < name.Length
                && byte.TryParse(name.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                decoded.Append((char)b);
                i += 2;
            }
            else
            {
                decoded.Append(name[i]);
            }
        }

        return decoded.ToString();
    }

    private static byte[] Carrier(Dictionary<FontFace, Dictionary<int, string>> glyphs)
    {
        LetterPdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = true;
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var y = 20.0;
            foreach (var (face, map) in glyphs)
            {
                var font = FontMetricsCache.GetFont(face, 10);
                var text = string.Concat(map.OrderBy(g => g.Key).Select(g => g.Value));
                gfx.DrawString(text, font, XBrushes.Black, new XPoint(10, y));
                y += 20;
            }
        }

        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }

    /// <summary>Which subset name PDFsharp gives each face (e.g. "DejaVu Sans Oblique,Italic"), found once per process.</summary>
    private static Dictionary<string, FontFace> ProbeNames()
    {
        var names = new Dictionary<string, FontFace>(StringComparer.Ordinal);
        foreach (var face in s_faces)
        {
            var probe = LetterPdf.Open(Carrier(new() { [face] = new Dictionary<int, string> { [36] = "A" } }));
            var (_, page) = probe.Pages()[0];
            var fonts = (PdfValue.Dict)probe.Resolve(((PdfValue.Dict)probe.Resolve(page.Get("/Resources"))).Get("/Font"));
            var font = (PdfValue.Dict)probe.Resolve(fonts.Entries.Single().Value);
            names[FaceName(((PdfValue.Atom)font.Get("/BaseFont")!).Raw)] = face;
        }

        return names;
    }

    /// <summary>Reads glyph id → text from a ToUnicode CMap (bfchar and bfrange sections).</summary>
    private static void ReadToUnicode(LetterPdf pdf, LetterPdf.PdfObject stream, Dictionary<int, string> into)
    {
        if (!stream.IsStream || stream.Value is not PdfValue.Dict dict)
        {
            throw new PdfImportException("ToUnicode is not a stream");
        }

        var bytes = pdf.StreamBytes(stream).ToArray();
        if (dict.HasName("/Filter", "/FlateDecode"))
        {
            using var input = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            bytes = output.ToArray();
        }
        else if (dict.Get("/Filter") is not null)
        {
            throw new PdfImportException("ToUnicode filter not supported");
        }

        // Hex strings often touch ("<0003><0003><0020>"): split into hex strings, brackets and words.
        var tokens = CMapToken().Matches(Encoding.Latin1.GetString(bytes)).Select(m => m.Value).ToArray();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] == "beginbfchar")
            {
                for (i++; i + 1 < tokens.Length && tokens[i] != "endbfchar"; i += 2)
                {
                    into.TryAdd(Hex(tokens[i]), Utf16(tokens[i + 1]));
                }
            }
            else if (tokens[i] == "beginbfrange")
            {
                for (i++; i + 2 < tokens.Length && tokens[i] != "endbfrange"; i += 3)
                {
                    if (tokens[i + 2].StartsWith('['))
                    {
                        throw new PdfImportException("ToUnicode array ranges not supported");
                    }

                    var (low, high, first) = (Hex(tokens[i]), Hex(tokens[i + 1]), Utf16(tokens[i + 2]));
                    for (var g = low; g <= high && g - low < 65536; g++)
                    {
                        into.TryAdd(g, first.Length == 1 ? ((char)(first[0] + g - low)).ToString() : first);
                    }
                }
            }
        }
    }

    private static int Hex(string token) =>
        int.Parse(token.AsSpan().Trim("<>"), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Utf16(string token) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(token.AsSpan().Trim("<>")));

    [System.Text.RegularExpressions.GeneratedRegex(@"<[0-9A-Fa-f]*>|\[|\]|[^\s<>\[\]]+")]
    private static partial System.Text.RegularExpressions.Regex CMapToken();
}
