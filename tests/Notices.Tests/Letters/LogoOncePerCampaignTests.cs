using Notices.Campaigns;
using Notices.Letters;
using Notices.Letters.Images;
using Notices.Letters.Layout;
using Notices.Letters.Templates;
using Notices.Tests.Letters.Templates;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Letters;

/// <summary>
/// The logo is decoded and scaled once per campaign, when the package is loaded: every letter of the run carries the
/// same prepared <see cref="LogoImage"/> and draws its bytes; nothing reads, decodes or scales the file per letter.
/// </summary>
public sealed class LogoOncePerCampaignTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void All_letters_of_a_campaign_share_the_logo_prepared_when_the_package_was_loaded()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.SampleNotice))
        {
            File.Copy(file, _dir.File(Path.GetFileName(file)));
        }

        File.WriteAllBytes(_dir.File("logo.png"), PngWriter.Solid(2400, 800, 2, 16, [200 * 257, 30 * 257, 40 * 257]));
        File.AppendAllText(_dir.File("notice.yaml"), "\nlogo: logo.png\n");
        var notice = NoticePackageLoader.Load(_dir.Path);
        var logo = Assert.IsType<LogoImage>(notice.Logo);
        // Deleting the file proves that no letter goes back to it.
        File.Delete(_dir.File("logo.png"));

        var composer = new LetterComposer(notice, new NoticeTemplates(notice));
        var date = new DateOnly(2026, 11, 21);
        var letters = new[]
        {
            LetterTestData.Letter(),
            LetterTestData.Letter(LetterTestData.Recipient(firstName: "Ida", largePrint: true)) with { LetterId = "FA830-DK-000043" },
            LetterTestData.Letter() with { LetterId = "FA830-DK-000044", Channel = DeliveryChannelKind.Post },
        }.Select(l => composer.Compose(l, date).Document).ToList();
        foreach (var letter in letters)
        {
            Assert.Same(logo, letter.Logo);
            var op = new LetterLayoutEngine().Layout(letter).Pages[0].Ops.OfType<ImageOp>().Single();
            Assert.Same(logo, op.Image);
            using var pdf = new MemoryStream();
            new PdfSharpLetterWriter().Write(letter, pdf);
            // The scaled PNG (178 pixels high), not the 2400 x 800 source, is what each letter embeds.
            Assert.True(pdf.Length < 200_000, pdf.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(178, PngHeader.Read(logo.Data).Height);
    }
}
