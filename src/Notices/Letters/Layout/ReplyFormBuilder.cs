using Notices.Model;
using Notices.Letters.Fonts;
using static Notices.Letters.Layout.PageGeometry;

namespace Notices.Letters.Layout;

/// <summary>
/// The "Kvitteringsformular" reply form, starting on a page of its own: letter id and patient next to a QR code,
/// the affected devices, tick boxes, date and signature lines, and where to send the form.
/// </summary>
public sealed class ReplyFormBuilder(TextBlockFactory text)
{
    public const string Heading = "Kvitteringsformular";
    public const string UnknownVersion = "ukendt";

    private LetterStyle Style => text.Style;

    public List<FlowBlock> Build(LetterDocument letter)
    {
        var form = letter.ReplyForm;
        var left = ContentLeft;
        var width = ContentWidth;
        var blocks = new List<FlowBlock>
        {
            new()
            {
                Kind = "heading",
                Slices = text.Lines([new InlineRun(Heading, FontFace.Bold)], Style.TitleSize, left, width, TextRole.Heading),
                KeepWithNext = true,
                StartsNewPage = true,
                MinHead = 1,
            },
            IdentityWithQr(letter, left, width),
            text.Paragraph(
                [new InlineRun("Udfyld formularen, sæt kryds og send den tilbage til os, så vi ved, at du har fået "
                    + "sikkerhedsmeddelelsen. Oplys altid brev-id, hvis du svarer på anden måde.", FontFace.Regular)],
                Style.BodySize, left, width, TextRole.ReplyForm, Style.ParagraphGap),
        };

        var rows = new List<IReadOnlyList<IReadOnlyList<InlineRun>>>
        {
            Row("Model", "Serienummer", "Softwareversion"),
        };
        rows.AddRange(form.Devices.Select(d => Row(d.Model, d.SerialNumber, d.SoftwareVersion ?? UnknownVersion)));
        blocks.Add(new TableBlockBuilder(text).Build(rows, hasHeader: true, left, width, Style.ParagraphGap));

        blocks.Add(TickBox("Jeg bekræfter, at jeg har modtaget sikkerhedsmeddelelsen.", left, width, Style.ParagraphGap * 1.5));
        blocks.Add(TickBox("Jeg bekræfter, at jeg har læst og forstået sikkerhedsmeddelelsen og de forholdsregler, den beskriver.",
            left, width, Style.ParagraphGap));
        blocks.Add(WritingLines(left, width));
        blocks.Add(ReturnTo(form, left, width));
        return blocks;
    }

    private static IReadOnlyList<IReadOnlyList<InlineRun>> Row(params string[] cells) =>
        cells.Select(c => (IReadOnlyList<InlineRun>)[new InlineRun(c, FontFace.Regular)]).ToList();

    private FlowBlock IdentityWithQr(LetterDocument letter, double left, double width)
    {
        var qrSize = Mm(30) * Math.Min(Style.Scale, 1.3);
        var runs = new List<InlineRun>
        {
            new("Brev-id: ", FontFace.Regular), new(letter.LetterId, FontFace.Bold), InlineRun.Break(FontFace.Regular),
            new("Patient: ", FontFace.Regular), new(letter.ReplyForm.PatientName, FontFace.Bold), InlineRun.Break(FontFace.Regular),
            new("Reference: ", FontFace.Regular), new(letter.Reference, FontFace.Regular),
        };
        var textWidth = width - qrSize - Mm(6);
        var lines = text.Lines(runs, Style.BodySize, left, textWidth, TextRole.ReplyForm);
        var ops = new List<DrawOp>();
        double y = 0;
        foreach (var line in lines)
        {
            ops.AddRange(line.Ops.Select(op => op.MovedDown(y)));
            y += line.Height;
        }

        var modules = QrMatrix.Create(letter.ReplyForm.QrPayload);
        ops.Add(new QrOp(modules, left + width - qrSize, 0, qrSize / modules.Count));
        return FlowBlock.Unbreakable("reply-identity", [new FlowSlice(Math.Max(y, qrSize), ops)], Style.ParagraphGap);
    }

    private FlowBlock TickBox(string label, double left, double width, double spaceBefore)
    {
        var box = Style.BodySize * 1.1;
        var gap = Style.BodySize * 0.8;
        var lines = text.Lines([new InlineRun(label, FontFace.Regular)], Style.BodySize, left + box + gap, width - box - gap, TextRole.ReplyForm);
        var ops = new List<DrawOp>();
        double y = 0;
        foreach (var line in lines)
        {
            ops.AddRange(line.Ops.Select(op => op.MovedDown(y)));
            y += line.Height;
        }

        // The square is centred on the first line.
        var boxTop = (Style.LineHeight(Style.BodySize) - box) / 2;
        ops.Add(new RectOp(left, boxTop, box, box, FillGray: null, StrokeWidth: 0.8));
        return FlowBlock.Unbreakable("reply-tickbox", [new FlowSlice(Math.Max(y, box), ops)], spaceBefore);
    }

    private FlowBlock WritingLines(double left, double width)
    {
        var size = Style.BodySize;
        var rowHeight = Style.LineHeight(size) * 2.4;
        var baseline = rowHeight - (Style.LineHeight(size) * 0.4);
        var slices = new List<FlowSlice>();
        foreach (var (label, lineLength) in new[] { ("Dato:", width * 0.45), ("Underskrift:", width * 0.8) })
        {
            var run = TextBlockFactory.MeasuredRun(label, FontFace.Regular, size, left, baseline, TextRole.ReplyForm);
            var lineStart = left + Math.Max(run.Width, FontMetricsCache.Measure("Underskrift:", FontFace.Regular, size)) + Mm(3);
            var lineEnd = Math.Min(left + lineLength, left + width);
            slices.Add(new FlowSlice(rowHeight, [run, new LineOp(lineStart, baseline + 1, lineEnd, baseline + 1, 0.6)]));
        }

        return FlowBlock.Unbreakable("reply-signature-lines", slices, Style.ParagraphGap);
    }

    private FlowBlock ReturnTo(ReplyFormContent form, double left, double width)
    {
        var runs = new List<InlineRun> { new("Send formularen tilbage til:", FontFace.Bold) };
        foreach (var line in form.ReturnAddress.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            runs.Add(InlineRun.Break(FontFace.Regular));
            runs.Add(new InlineRun(line, FontFace.Regular));
        }

        if (!string.IsNullOrWhiteSpace(form.ReturnEmail))
        {
            runs.Add(InlineRun.Break(FontFace.Regular));
            runs.Add(new InlineRun("eller pr. e-mail til ", FontFace.Regular));
            runs.Add(new InlineRun(form.ReturnEmail, FontFace.Bold));
        }

        return FlowBlock.Unbreakable("reply-return",
            text.Lines(runs, Style.BodySize, left, width, TextRole.ReplyForm), Style.ParagraphGap * 2);
    }
}
