using Notices.Model;
using Notices.Campaigns;
using Notices.Letters.Layout;
using QRCoder;
using Xunit;
using static Notices.Tests.Letters.Layout.LayoutAssertions;

namespace Notices.Tests.Letters.Layout;

public sealed class FixedPartsLayoutTests
{
    private static readonly string[] s_longestAddress =
    [
        "Maximilian Christoffer Østergaard-Bækgaard Hansen",
        "c/o Hjørdis Wróbel-Yılmaz, Plejecenter Søndergården",
        "Kongens Nytorv 123, 4. sal, lejlighed 17, opgang B",
        "Postboks 4567, Centralpostkontoret for Nordsjælland",
        "2300 København S, Amager Øst, Region Hovedstaden",
        "DANMARK (Kongeriget Danmark inkl. Grønland, Færø)",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Six_long_address_lines_fit_inside_the_window_in_both_print_sizes(bool largePrint)
    {
        var layout = LayoutOf(SampleLetters.Create(largePrint: largePrint, recipientLines: s_longestAddress));
        var address = layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.Address).ToList();
        Assert.Equal(s_longestAddress, address.Select(r => r.Text));
        Assert.All(address, r => Assert.True(r.Bounds.IsInside(layout.Window), $"'{r.Text}' {r.Bounds} outside {layout.Window}"));
        for (var i = 1; i < address.Count; i++)
        {
            Assert.False(address[i - 1].Bounds.Overlaps(address[i].Bounds));
        }
    }

    [Fact]
    public void A_custom_window_position_is_honoured()
    {
        var letter = SampleLetters.Create() with { Window = new WindowRect(110, 50, 85, 40) };
        var layout = LayoutOf(letter);
        Assert.Equal(PageGeometry.Mm(110), layout.Window.X, 3);
        Assert.All(layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.Address), r => Assert.True(r.Bounds.IsInside(layout.Window)));
        // The sender block moves out of the way of a right-hand window.
        Assert.All(layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.Sender), r => Assert.False(r.Bounds.Overlaps(layout.Window)));
    }

    [Fact]
    public void Reply_form_qr_code_encodes_the_payload_module_for_module()
    {
        var letter = SampleLetters.Create();
        var layout = LayoutOf(letter);
        var qr = Assert.Single(layout.Pages[layout.ReplyFormPage - 1].Ops.OfType<QrOp>());
        using var generator = new QRCodeGenerator();
        using var expected = generator.CreateQrCode(letter.ReplyForm.QrPayload, QRCodeGenerator.ECCLevel.M);
        Assert.Equal(expected.ModuleMatrix.Count, qr.Modules.Count);
        for (var row = 0; row < qr.Modules.Count; row++)
        {
            for (var col = 0; col < qr.Modules.Count; col++)
            {
                Assert.Equal(expected.ModuleMatrix[row][col], qr.Modules[row][col]);
            }
        }

        Assert.InRange(qr.Bounds.Width, PageGeometry.Mm(25), PageGeometry.Mm(45));
    }

    [Fact]
    public void Reply_form_lists_every_device_with_ukendt_for_a_missing_version_and_two_tick_boxes()
    {
        var layout = LayoutOf(SampleLetters.Create());
        var page = layout.Pages[layout.ReplyFormPage - 1];
        var cells = page.TextRuns.Where(r => r.Role == TextRole.TableCell).Select(r => r.Text).ToList();
        Assert.Equal(["MiniMed™ 508", "NG1234567H", "2.6A", "Paradigm 722", "PA9876543K", "ukendt"], cells);
        var boxes = page.Ops.OfType<RectOp>().Where(r => r.FillGray is null && Math.Abs(r.Width - r.Height) < 0.01).ToList();
        Assert.Equal(2, boxes.Count);
        var text = PageText(page);
        Assert.Contains("Brev-id: " + SampleLetters.LetterId, text, StringComparison.Ordinal);
        Assert.Contains("Patient: Zoë Ødegård-Nguyễn", text, StringComparison.Ordinal);
        Assert.Contains("svar@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Underskrift:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_block_follows_the_body_in_order()
    {
        var layout = LayoutOf(SampleLetters.Create());
        var signature = layout.Pages.SelectMany(p => p.TextRuns.Where(r => r.Role == TextRole.Signature).Select(r => (p.Number, r))).ToList();
        Assert.Equal(["Med venlig hilsen", "Åse Bøgh-Sørensen", "Direktør, kvalitet og regulatoriske forhold", "Medicoteknik Danmark A/S"],
            signature.Select(s => s.r.Text));
        Assert.Single(signature.Select(s => s.Number).Distinct());
        Assert.True(signature.Zip(signature.Skip(1), (a, b) => b.r.Baseline > a.r.Baseline).All(x => x));
        Assert.True(signature[0].Number < layout.ReplyFormPage);
    }

    [Fact]
    public void Right_aligned_table_column_lines_up_on_the_right()
    {
        var layout = LayoutOf(SampleLetters.Create(body: "| Nr. | Tekst |\n| --: | --- |\n| 1 | a |\n| 10 | b |\n| 100 | c |\n"));
        var numbers = layout.Pages[0].TextRuns.Where(r => r.Role == TextRole.TableCell && char.IsDigit(r.Text[0])).ToList();
        Assert.Equal(3, numbers.Count);
        Assert.All(numbers, n => Assert.Equal(numbers[0].Bounds.Right, n.Bounds.Right, 3));
        Assert.NotEqual(numbers[0].X, numbers[2].X, 3);
    }
}
