using Notices.Letters.Fonts;
using PdfSharp.Fonts;

namespace Notices.Letters;

/// <summary>
/// One-time PDFsharp set-up: the embedded-font resolver. PDFsharp 6.2.4 is MIT and needs no licence call.
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

            // Another part of the process may already have set a resolver; keep it if it is ours.
            if (GlobalFontSettings.FontResolver is not DejaVuFontResolver)
            {
                GlobalFontSettings.FontResolver = new DejaVuFontResolver();
            }

            Volatile.Write(ref s_done, true);
        }
    }
}
