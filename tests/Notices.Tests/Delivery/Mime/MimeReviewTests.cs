using System.Security.Cryptography;
using System.Text;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>Hostile-review tests of the MIME writer and DKIM key loading (issue 12).</summary>
public sealed class MimeReviewTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Pdf(int size = 3000)
    {
        var path = _dir.File("l" + size.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".pdf");
        File.WriteAllBytes(path, Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray());
        return path;
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { new string('ø', 300), "x" },
        { "Hej 👩‍⚕️🩺 med emoji 😀", "Ærø 😀" },
        { "A\0B\r\nBcc: evil@example.com", "Evil\r\nBcc: x@example.com\0" },
        { new string('a', 69), new string('b', 60) }, // "Subject: " + 69 = exactly 78
        { string.Join(' ', Enumerable.Repeat("ord", 40)) + " " + new string('x', 76), "\"quoted\" \\ back" },
        { "=?utf-8?Q?fake?=", "=?utf-8?B?ZmFrZQ==?=" },
        { "\u2028linje\u2029skift\u0085", "\u200Bzero\uFEFF" },
        { "\uD800 lone surrogate", "\uDC00" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_subjects_and_names_give_7bit_crlf_lines_within_78_and_no_extra_header(string subject, string name)
    {
        var bytes = await MimeTestContent.Bytes(MimeTestContent.For(Pdf(), subject, name, fileName: name + ".pdf"));

        Assert.All(bytes, b => Assert.True(b is >= 9 and < 128 && b != 0, "byte " + b));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
        Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1); // no bare LF
        Assert.Equal(text.Count(c => c == '\r'), text.Split("\r\n").Length - 1); // no bare CR
        var head = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        var lines = text.Split("\r\n");
        // MimeKit folds at spaces; a run of 300 letters without one becomes one encoded word over 78 (within 998).
        Assert.All(lines, l => Assert.True(l.Length <= 998, l.Length + ": " + l));
        Assert.All(lines, l => Assert.False(l.StartsWith('.'), l));
        var names = head.Split("\r\n").Where(l => l.Length > 0 && l[0] is not (' ' or '\t')).Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["From", "To", "Reply-To", "Subject", "Date", "Message-Id", "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Language"], names);
        Assert.DoesNotContain("Sender:", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("\r\n.\r\n")]
    [InlineData("a\n.\nb\r.\rc")]
    [InlineData(".\r\n..\r\n. \r\n")]
    public async Task A_body_of_dots_never_makes_a_line_that_starts_with_a_dot(string body)
    {
        var content = MimeTestContent.For(Pdf()) with { TextBody = body, HtmlBody = "<p>" + body + "</p>" + body };
        var text = Encoding.ASCII.GetString(await MimeTestContent.Bytes(content));
        Assert.All(text.Split("\r\n"), l => Assert.False(l.StartsWith('.'), l));
    }

    [Fact]
    public async Task A_pdf_of_zero_bytes_gives_an_empty_attachment()
    {
        var empty = _dir.File("empty.pdf");
        File.WriteAllBytes(empty, []);
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(await MimeTestContent.Bytes(MimeTestContent.For(empty))));
        var pdf = Assert.Single(parsed.Attachments.OfType<MimeKit.MimePart>());
        using var decoded = new MemoryStream();
        pdf.Content?.DecodeTo(decoded); // MimeKit reads an empty part as one without content
        Assert.Equal(0, decoded.Length);
        Assert.Contains("Content-Transfer-Encoding: base64", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024, false)]
    [InlineData(4096, false)]
    [InlineData(2048, true)]
    public void Pkcs1_and_pkcs8_keys_of_1024_to_4096_bits_load_and_sign(int bits, bool pkcs1)
    {
        using var rsa = RSA.Create(bits);
        var path = _dir.File("k" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".pem");
        File.WriteAllText(path, pkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem());
        using var signer = DkimSigner.FromPemFile("a.example.com", "s", path);
        var bytes = MimeTestContent.Bytes(MimeTestContent.For(Pdf(), dkim: signer)).GetAwaiter().GetResult();
        var raw = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256; d=a.example.com; s=s;", raw, StringComparison.Ordinal);
        Assert.All(raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n"), l => Assert.True(l.Length <= 998, l));
    }

    [Fact]
    public void An_encrypted_key_a_512_bit_key_and_a_folder_are_refused_naming_the_file()
    {
        using var rsa = RSA.Create(2048);
        var encrypted = _dir.File("enc.pem");
        File.WriteAllText(encrypted, rsa.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        Assert.StartsWith(encrypted + ":", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", encrypted)).Message, StringComparison.Ordinal);

        var folder = _dir.File("keydir");
        Directory.CreateDirectory(folder);
        Assert.StartsWith(folder + ":", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", folder)).Message, StringComparison.Ordinal);

        using var small = RSA.Create(512);
        var weak = _dir.File("weak.pem");
        File.WriteAllText(weak, small.ExportPkcs8PrivateKeyPem());
        Assert.Contains("512 bits", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", weak)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_key_is_refused_as_encrypted_not_as_no_private_key()
    {
        using var rsa = RSA.Create(2048);
        var pkcs8 = _dir.File("enc8.pem");
        File.WriteAllText(pkcs8, rsa.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        // OpenSSL's traditional form (openssl genrsa -aes256): a PKCS#1 block with Proc-Type and DEK-Info.
        var legacy = _dir.File("enc1.pem");
        File.WriteAllText(legacy, "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        foreach (var path in new[] { pkcs8, legacy })
        {
            var message = Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", path)).Message;
            Assert.StartsWith(path + ": the DKIM key is encrypted", message, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
        }
    }
}
