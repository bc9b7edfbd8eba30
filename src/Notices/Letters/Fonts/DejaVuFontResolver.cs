using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Notices.Letters.Fonts;

/// <summary>
/// Serves the DejaVu Sans TTFs embedded in this assembly to PDFsharp. Linux has no font lookup in PDFsharp,
/// and shipping the faces makes the output identical on every machine.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    /// <summary>The family name the letter layout asks for.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly ConcurrentDictionary<string, byte[]> s_fontBytes = new(StringComparer.Ordinal);

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        // Every family resolves to DejaVu Sans: the letter never asks for another, and PDFsharp's own
        // fallback requests (e.g. for error messages) must not fail on a machine without fonts.
        var face = (isBold, isItalic) switch
        {
            (true, true) => FontFace.BoldItalic,
            (true, false) => FontFace.Bold,
            (false, true) => FontFace.Italic,
            _ => FontFace.Regular,
        };
        return new FontResolverInfo(FaceKey(face));
    }

    public byte[]? GetFont(string faceName) =>
        s_fontBytes.GetOrAdd(faceName, static key => LoadResource(key));

    /// <summary>The resolver's key for a face; also the embedded TTF's file name without extension.</summary>
    public static string FaceKey(FontFace face) => face switch
    {
        FontFace.Bold => "DejaVuSans-Bold",
        FontFace.Italic => "DejaVuSans-Oblique",
        FontFace.BoldItalic => "DejaVuSans-BoldOblique",
        _ => "DejaVuSans",
    };

    private static byte[] LoadResource(string faceKey)
    {
        var name = "Notices.Letters.Fonts." + faceKey + ".ttf";
        using var stream = typeof(DejaVuFontResolver).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font resource '{name}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
