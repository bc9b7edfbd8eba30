using System.Text;
using Notices.Confirmations;
using Xunit;

namespace Notices.Tests.Confirmations;

public sealed class MimeReaderTests
{
    [Fact]
    public void Headers_are_unfolded_and_looked_up_case_insensitively()
    {
        var entity = MimeReader.Parse("Subject: one\r\n two\r\n\tthree\r\nX-Tag: a\r\nx-tag: b\r\n\r\nbody");

        Assert.Equal("one two three", entity.Headers["subject"]);
        Assert.Equal(["a", "b"], entity.Headers.All("X-TAG"));
        Assert.Equal("body", Encoding.ASCII.GetString(entity.Body));
    }

    [Fact]
    public void Nested_multipart_parts_are_split_on_their_own_boundaries()
    {
        var message =
            "Content-Type: multipart/mixed; boundary=\"outer;1\"\n\npreamble\n" +
            "--outer;1\nContent-Type: multipart/alternative; boundary=inner\n\n" +
            "--inner\nContent-Type: text/plain\n\nplain\n--inner\nContent-Type: text/html\n\n<p>html</p>\n--inner--\n" +
            "--outer;1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" +
            Convert.ToBase64String(Encoding.UTF8.GetBytes("Blåbærgrød")) + "\n" +
            "--outer;1--\nepilogue\n";

        var entity = MimeReader.Parse(message);

        Assert.Equal(2, entity.Parts.Count);
        Assert.Equal(["plain", "<p>html</p>"], entity.Parts[0].Parts.Select(p => p.Text));
        Assert.Equal("Blåbærgrød", entity.Parts[1].Text);
        Assert.Equal(5, entity.Descendants().Count());
    }

    [Fact]
    public void Quoted_printable_joins_soft_breaks_and_decodes_utf8_bytes()
    {
        var decoded = TransferDecoding.QuotedPrintable("F=C3=B8lgende modtager =\r\nfandtes ikke=3D  \r\nslut"u8);

        Assert.Equal("Følgende modtager fandtes ikke=\r\nslut", Encoding.UTF8.GetString(decoded));
    }

    [Fact]
    public void Base64_ignores_line_breaks_and_stray_characters()
    {
        var decoded = TransferDecoding.Base64("SGVs\r\nbG8s!IHdv\ncmxk"u8);

        Assert.Equal("Hello, world", Encoding.ASCII.GetString(decoded));
    }

    [Fact]
    public void An_enclosed_message_rfc822_is_parsed_as_a_message()
    {
        var message =
            "Content-Type: multipart/report; boundary=b\n\n" +
            "--b\nContent-Type: message/rfc822\n\nMessage-ID: <inner@example.com>\nSubject: inner\n\ninner body\n--b--\n";

        var entity = MimeReader.Parse(message);

        Assert.Equal("<inner@example.com>", entity.Parts[0].Message?.Headers["Message-ID"]);
        Assert.Equal("inner body", entity.Parts[0].Message?.Text);
    }

    [Fact]
    public void A_multipart_without_closing_boundary_keeps_its_last_part()
    {
        var entity = MimeReader.Parse("Content-Type: multipart/mixed; boundary=z\n\n--z\n\nfirst\n--z\n\nsecond, cut off");

        Assert.Equal(["first", "second, cut off"], entity.Parts.Select(p => p.Text));
    }

    [Fact]
    public void Content_type_parameters_keep_quoted_semicolons_and_default_to_text_plain()
    {
        var type = MimeContentType.Parse("Multipart/Report; report-type=\"delivery-status\"; boundary=\"a;b\"");

        Assert.Equal("multipart/report", type.MediaType);
        Assert.Equal("delivery-status", type.Parameters["REPORT-TYPE"]);
        Assert.Equal("a;b", type.Boundary);
        Assert.Equal("text/plain", MimeContentType.Parse(null).MediaType);
        Assert.Equal("text/plain", MimeContentType.Parse("garbage").MediaType);
    }
}
