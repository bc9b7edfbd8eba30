using System.Globalization;
using System.Security.Cryptography;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Letters;
using Notices.Tests.Letters.Layout;

namespace Notices.Tests.Delivery.Batches;

/// <summary>Real letter PDFs (the production writer) for batch tests, and poppler page renders.</summary>
internal static class BatchLetters
{
    public static OutgoingLetter Render(string directory, int n, string name)
    {
        var id = "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture);
        var path = Path.Combine(directory, id + ".pdf");
        int pages;
        using (var file = File.Create(path))
        {
            pages = new PdfSharpLetterWriter().Write(SampleLetters.Create(patientName: name, letterId: id), file);
        }

        return Outgoing(id, path, pages);
    }

    public static OutgoingLetter Outgoing(string id, string path, int pages) => new()
    {
        LetterId = id,
        CampaignId = "FA830",
        PatientId = "P-" + id,
        Channel = DeliveryChannelKind.Post,
        PdfPath = path,
        PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))),
        PageCount = pages,
        RecipientName = "x",
        PostalCode = "2750",
    };

    /// <summary>One page as PNG bytes (72 dpi keeps it quick, still every glyph's shape).</summary>
    public static byte[] RenderPage(string pdf, int page, string scratch)
    {
        var prefix = Path.Combine(scratch, "p" + Guid.NewGuid().ToString("N"));
        var p = page.ToString(CultureInfo.InvariantCulture);
        Notices.Tests.Support.Poppler.Run("pdftoppm", "-r", "60", "-png", "-f", p, "-l", p, "-singlefile", pdf, prefix);
        var bytes = File.ReadAllBytes(prefix + ".png");
        File.Delete(prefix + ".png");
        return bytes;
    }
}
