using Notices.Letters;

namespace Notices.Tests.Letters.Pdf;

/// <summary>A letter written to a temporary PDF file, deleted on dispose.</summary>
public sealed class TempPdf : IDisposable
{
    private readonly string _directory;

    public TempPdf(LetterDocument letter)
    {
        _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "notices-letters-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, letter.LetterId + ".pdf");
        using var file = File.Create(Path);
        PageCount = new PdfSharpLetterWriter().Write(letter, file);
    }

    public string Path { get; }
    public int PageCount { get; }
    public string Folder => _directory;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }
}
