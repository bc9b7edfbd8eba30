using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary>DKIM (RFC 6376): relaxed canonicalisation, the body hash, and a signature checked against an independent reconstruction.</summary>
public sealed class DkimLetterSignatureTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _pdf;

    public DkimLetterSignatureTests() => (_pdf, _) = TestPdfs.Create(_dir.File("letter.pdf"), 2);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_signature_verifies_over_the_header_block_reconstructed_independently_and_fails_when_the_subject_changes()
    {
        using var signer = DkimTestKeys.Signer();
        var (bytes, _) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, subject: "Æblegrød – vigtig besked om din insulinpumpe og dens trådløse forbindelse", dkim: signer));
        var raw = Encoding.ASCII.GetString(bytes);

        Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256; d=medtronic-sample.example.com;", raw, StringComparison.Ordinal);
        Assert.Matches(@"^DKIM-Signature:[^\r]*(\r\n[ \t][^\r]*)*c=relaxed/relaxed;", raw);
        var head = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.All(head.Split("\r\n"), l => Assert.True(l.Length <= 78, l));
        var fields = Fields(head);
        var signature = Tags(fields[0]);
        Assert.Equal("notices2026", signature["s"]);
        var signedNames = signature["h"].Split(':');
        foreach (var required in new[] { "from", "to", "subject", "date", "message-id", "mime-version", "content-type", "reply-to", "auto-submitted", "content-language" })
        {
            Assert.Contains(required, signedNames);
        }

        var body = raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(IndependentBody(body)))), signature["bh"]);
        Assert.True(Verify(fields, signedNames, signature["b"]));

        var tampered = fields.Select(f => f.StartsWith("Subject:", StringComparison.Ordinal) ? "Subject: Vigtig besked" : f).ToList();
        Assert.False(Verify(tampered, signedNames, signature["b"]));
    }

    [Fact]
    public async Task Python_dkim_verifies_the_message_and_rejects_it_with_a_changed_subject_or_body()
    {
        using var signer = DkimTestKeys.Signer();
        var (bytes, path) = await MimeTestContent.Write(_dir, MimeTestContent.For(_pdf, toName: "Åse Ørum", dkim: signer));

        Assert.True(DkimTestKeys.PythonVerify(path));

        var raw = Encoding.ASCII.GetString(bytes);
        var subject = Regex.Match(raw, "(?m)^Subject: .*$").Value;
        File.WriteAllText(_dir.File("subject.eml"), raw.Replace(subject, "Subject: Noget andet", StringComparison.Ordinal), Encoding.ASCII);
        Assert.False(DkimTestKeys.PythonVerify(_dir.File("subject.eml")));
        File.WriteAllText(_dir.File("body.eml"), raw.Replace("Se det vedh", "Se ikke det vedh", StringComparison.Ordinal), Encoding.ASCII);
        Assert.False(DkimTestKeys.PythonVerify(_dir.File("body.eml")));
    }

    [Fact]
    public void A_key_file_that_is_missing_public_or_not_a_key_is_refused_naming_the_file()
    {
        var missing = _dir.File("nope.pem");
        Assert.Contains(missing + ": the DKIM key file cannot be read", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", missing)).Message, StringComparison.Ordinal);

        var publicOnly = _dir.File("public.pem");
        File.WriteAllText(publicOnly, DkimTestKeys.Key.ExportSubjectPublicKeyInfoPem());
        Assert.StartsWith(publicOnly + ": not a PEM RSA private key", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", publicOnly)).Message, StringComparison.Ordinal);

        var garbage = _dir.File("garbage.pem");
        File.WriteAllText(garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        Assert.StartsWith(garbage + ": not a PEM RSA private key", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", garbage)).Message, StringComparison.Ordinal);

        var ec = _dir.File("ec.pem");
        using (var ecKey = ECDsa.Create())
        {
            File.WriteAllText(ec, ecKey.ExportPkcs8PrivateKeyPem());
        }

        Assert.StartsWith(ec + ": not a PEM RSA private key", Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile("a.example.com", "s", ec)).Message, StringComparison.Ordinal);

        using var good = DkimSigner.FromPemFile("a.example.com", "s", DkimTestKeys.WritePrivatePem(_dir.File("good.pem")));
        Assert.Equal(DkimTestKeys.PublicKeyBase64, good.PublicKeyBase64);
    }

    private static bool Verify(List<string> fields, string[] signedNames, string b)
    {
        var data = new StringBuilder();
        foreach (var name in signedNames)
        {
            var field = fields.Last(f => string.Equals(f[..f.IndexOf(':', StringComparison.Ordinal)].Trim(), name, StringComparison.OrdinalIgnoreCase));
            data.Append(IndependentHeader(field)).Append("\r\n");
        }

        // The signature header itself with the b= value removed, no CRLF.
        var own = Regex.Replace(fields[0], @"b=[^;]*$", "b=");
        data.Append(IndependentHeader(own));
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(DkimTestKeys.PublicKeyBase64), out _);
        return rsa.VerifyData(Encoding.ASCII.GetBytes(data.ToString()), Convert.FromBase64String(Regex.Replace(b, @"\s", "")), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    // RFC 6376 §3.4.2 written again with regular expressions, apart from the production code.
    private static string IndependentHeader(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        var value = Regex.Replace(field[(colon + 1)..].Replace("\r\n", "", StringComparison.Ordinal), "[ \t]+", " ").Trim(' ');
        return field[..colon].Trim().ToLowerInvariant() + ":" + value;
    }

    // RFC 6376 §3.4.4.
    private static string IndependentBody(string body)
    {
        var lines = body.Split("\r\n").Select(l => Regex.Replace(Regex.Replace(l, "[ \t]+", " "), " $", "")).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines.Count == 0 ? "" : string.Join("\r\n", lines) + "\r\n";
    }

    private static List<string> Fields(string head) => Regex.Split(head, "\r\n(?![ \t])").ToList();

    private static Dictionary<string, string> Tags(string field) =>
        field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(';')
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Select(t => t.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => Regex.Replace(p[1], @"\s", ""), StringComparer.Ordinal);
}
