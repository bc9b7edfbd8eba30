using System.Text;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>
/// Review: LetterEmail sends a text in base64 only when the *text* has a line that starts with a dot. A long line is
/// wrapped by MimeKit's quoted-printable encoder at 76 characters ("=" soft breaks), and MimeKit leaves a dot at the
/// start of an encoded line as it is. So an ordinary Danish paragraph whose wrap falls just before a full stop gives a
/// line that starts with "." in the .eml (pickup) and a dot-stuffed line over SMTP (DataProgress then reaches the
/// measured size before the last byte).
/// </summary>
public sealed class QuotedPrintableDotReviewTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        for (var n = 70; n <= 80; n++)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task A_long_line_with_a_full_stop_where_the_encoder_wraps_never_makes_a_line_that_starts_with_a_dot(int width)
    {
        var pdf = _dir.File("l.pdf");
        File.WriteAllBytes(pdf, "%PDF-1.4\n%%EOF\n"u8.ToArray());
        // One line, no dot at its start: "aaaa…a. Med venlig hilsen".
        var body = new string('a', width) + ". Med venlig hilsen Camilla Sejersen\n";
        var content = MimeTestContent.For(pdf) with { TextBody = body, HtmlBody = "<p>" + body + "</p>" };

        var text = Encoding.ASCII.GetString(await MimeTestContent.Bytes(content));

        Assert.All(text.Split("\r\n"), l => Assert.False(l.StartsWith('.'), "line starts with a dot: " + l));
    }
}
