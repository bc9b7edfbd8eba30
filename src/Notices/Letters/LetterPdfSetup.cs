using Notices.Letters.Fonts;
using PdfSharp;
using PdfSharp.Fonts;

namespace Notices.Letters;

/// <summary>
/// One-time PDFsharp set-up: the AGPL licence declaration and the embedded-font resolver.
/// Runs once per process from a static initialiser; calling <see cref="EnsureInitialised"/> again is free.
/// </summary>
public static class LetterPdfSetup
{
    private static readonly object s_lock = new();
    private static bool s_done;

    static LetterPdfSetup() => EnsureInitialised();

    public static void EnsureInitialised()
    {
        if (Volatile.Read(ref s_done))
        {
            return;
        }

        lock (s_lock)
        {
            if (s_done)
            {
                return;
            }

            // PDFsharp 6.5 is used under the AGPL (see README); this declares it and silences the nag.
            PdfSharpLicense.SetAgplLicense();
            // Another part of the process may already have set a resolver; keep it if it is ours.
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }

            Volatile.Write(ref s_done, true);
        }
    }
}
