using Microsoft.Data.Sqlite;
using Notices.Letters.Proofs;
using Notices.Model;
using Notices.Store;
using Notices.Tests.Support;
using PdfSharp.Pdf;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>The parts of <c>preview</c> below the CLI: the read-only store and the page images.</summary>
public sealed class PreviewStoreAndImagesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void The_read_only_store_refuses_a_write()
    {
        var path = _dir.File("s.db");
        using (var db = StoreSchema.Open(path))
        {
            db.Patients.Add(new Patient { PatientId = "P1", FirstName = "A", LastName = "B" });
            db.SaveChanges();
        }

        using var readOnly = ReadOnlyStore.Open(path);
        Assert.Equal("P1", Assert.Single(new StoreOnePatient(readOnly, "P1").ReadAll()).Patient.PatientId);
        Assert.Empty(new StoreOnePatient(readOnly, "p1").ReadAll());
        readOnly.Patients.Add(new Patient { PatientId = "P2", FirstName = "C", LastName = "D" });
        var error = Assert.ThrowsAny<Exception>(() => readOnly.SaveChanges());
        Assert.Contains("readonly", (error.InnerException ?? error).Message.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_missing_store_or_a_file_that_is_not_one_is_refused_and_nothing_is_created()
    {
        var missing = _dir.File("sub/none.db");
        Assert.Throws<StoreNotFoundException>(() => ReadOnlyStore.Open(missing));
        Assert.False(Directory.Exists(_dir.File("sub")));

        var empty = _dir.File("empty.db");
        File.WriteAllBytes(empty, []);
        Assert.Throws<StoreNotFoundException>(() => ReadOnlyStore.Open(empty));
        Assert.Equal(0, new FileInfo(empty).Length);

        var text = _dir.File("text.db");
        File.WriteAllText(text, "not a database at all, just some text that is long enough to look like a header....");
        Assert.Throws<StoreOpenException>(() => ReadOnlyStore.Open(text));
    }

    [Fact]
    public void A_store_of_an_older_schema_is_not_upgraded_by_a_reader()
    {
        var path = _dir.File("old.db");
        using (var db = StoreSchema.Open(path))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA user_version=1;";
            cmd.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<StoreNotFoundException>(() => ReadOnlyStore.Open(path));
        Assert.Contains("notices plan", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Page_images_of_a_long_letter_come_in_page_order_and_old_ones_are_replaced()
    {
        var pdf = _dir.File("long.pdf");
        WriteBlankPdf(pdf, 12);
        File.WriteAllText(_dir.File("x-page-13.png"), "stale");
        var (images, skipped) = PageImages.Render(pdf, _dir.File("x-page"));
        Assert.Null(skipped);
        Assert.Equal(12, images.Count);
        Assert.EndsWith("x-page-01.png", images[0], StringComparison.Ordinal);
        Assert.EndsWith("x-page-02.png", images[1], StringComparison.Ordinal);
        Assert.EndsWith("x-page-12.png", images[11], StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("x-page-13.png")), "an image of an earlier, longer proof must not stay");
    }

    [Fact]
    public void A_file_pdftoppm_cannot_read_skips_the_images_with_a_reason()
    {
        var pdf = _dir.File("broken.pdf");
        File.WriteAllText(pdf, "%PDF-1.4 this is not really a pdf");
        var (images, skipped) = PageImages.Render(pdf, _dir.File("b-page"));
        Assert.Empty(images);
        Assert.NotNull(skipped);
        Assert.Contains("page images skipped", skipped, StringComparison.Ordinal);
    }

    private static void WriteBlankPdf(string path, int pages)
    {
        Notices.Letters.LetterPdfSetup.EnsureInitialised();
        using var document = new PdfDocument();
        for (var i = 0; i < pages; i++)
        {
            document.AddPage();
        }

        document.Save(path);
    }
}
