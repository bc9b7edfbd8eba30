using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Notices.Delivery.Mime;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Delivery.Mime;

/// <summary><see cref="DkimSigner"/>: MimeKit messages signed, written and checked by python3-dkim (dkimpy).</summary>
public sealed class DkimSignerTests : IDisposable
{
    private const string Domain = "medtronic-sample.example.com";
    private const string Selector = "notices2026";
    private const string DnsName = Selector + "._domainkey." + Domain + ".";

    private readonly TempDirectory _dir = new();
    private readonly byte[] _pdf;
    private readonly DkimSigner _signer;

    public DkimSignerTests()
    {
        var (pdf, _) = TestPdfs.Create(_dir.File("letter.pdf"), 2);
        _pdf = File.ReadAllBytes(pdf);
        _signer = DkimSigner.FromPemFile(Domain, Selector, DkimTestKeys.WritePrivatePem(_dir.File("key.pem")));
    }

    private static string TxtRecord => "v=DKIM1; k=rsa; p=" + DkimTestKeys.PublicKeyBase64;

    public void Dispose()
    {
        _signer.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Python_dkim_verifies_a_signed_letter_and_the_key_is_looked_up_under_selector_and_domain()
    {
        var path = SignAndWrite("m.eml");

        var result = DkimVerifier.Verify(path, TxtRecord, DnsName);

        Assert.True(result.Verified, result.Log);
        Assert.Equal([DnsName], result.QueriedNames);
        var raw = File.ReadAllText(path, Encoding.ASCII);
        Assert.StartsWith("DKIM-Signature: ", raw, StringComparison.Ordinal);
        // Danish letters travel as encoded words and quoted-printable; the PDF as base64.
        Assert.Contains("=?utf-8?", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Transfer-Encoding: quoted-printable", raw, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: base64", raw, StringComparison.Ordinal);
        Assert.All(Head(raw).Split("\r\n"), line => Assert.True(line.Length <= 998, line));
    }

    [Fact]
    public void The_signature_is_relaxed_rsa_sha256_over_exactly_the_present_headers_in_order_with_t_from_the_time()
    {
        var message = MimeKitTestLetter.Create(_pdf);
        _signer.Sign(message, MimeKitTestLetter.Date);
        var tags = SignatureTags(message);

        Assert.Equal("rsa-sha256", tags["a"]);
        Assert.Equal("relaxed/relaxed", tags["c"]);
        Assert.Equal(Domain, tags["d"]);
        Assert.Equal(Selector, tags["s"]);
        Assert.Equal(MimeKitTestLetter.Date.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), tags["t"]);
        Assert.Equal("from:to:reply-to:subject:date:message-id:mime-version:content-type:auto-submitted:content-language", tags["h"]);

        // Without Reply-To, Auto-Submitted and Content-Language they are left out of h=, the order kept.
        var plain = MimeKitTestLetter.Create(_pdf);
        plain.ReplyTo.Clear();
        plain.Headers.Remove("Auto-Submitted");
        plain.Body!.Headers.Remove(MimeKit.HeaderId.ContentLanguage);
        _signer.Sign(plain, MimeKitTestLetter.Date);
        Assert.Equal("from:to:subject:date:message-id:mime-version:content-type", SignatureTags(plain)["h"]);
        Assert.True(DkimVerifier.Verify(Write(plain, "plain.eml"), TxtRecord, DnsName).Verified);
    }

    [Fact]
    public void A_changed_subject_fails()
    {
        var path = SignAndWrite("m.eml");
        var raw = File.ReadAllText(path, Encoding.ASCII);
        var subject = Regex.Match(raw, @"(?m)^Subject: .*\r\n(?:[ \t].*\r\n)*").Value;
        Assert.NotEmpty(subject);
        File.WriteAllText(path, raw.Replace(subject, "Subject: Noget andet\r\n", StringComparison.Ordinal), Encoding.ASCII);

        var result = DkimVerifier.Verify(path, TxtRecord, DnsName);

        Assert.False(result.Verified);
        Assert.Contains("valid: False", result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_body_byte_fails()
    {
        var path = SignAndWrite("m.eml");
        var bytes = File.ReadAllBytes(path);
        var raw = Encoding.ASCII.GetString(bytes);
        var at = raw.IndexOf("serienummer NG1234567H", StringComparison.Ordinal);
        Assert.True(at > raw.IndexOf("\r\n\r\n", StringComparison.Ordinal), "the serial number is in the quoted-printable body");
        bytes[at + "serienummer NG".Length] = (byte)'7';
        File.WriteAllBytes(path, bytes);

        var result = DkimVerifier.Verify(path, TxtRecord, DnsName);

        Assert.False(result.Verified);
        Assert.Contains("body hash mismatch", result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_threads_signing_with_one_signer_at_once_both_verify()
    {
        const int PerThread = 20;
        using var start = new Barrier(2);
        var paths = new string[2 * PerThread];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            // Many signatures each, so the two really overlap; every one is checked.
            for (var n = 0; n < PerThread; n++)
            {
                var id = ((i * PerThread) + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var message = MimeKitTestLetter.Create(_pdf, subject: $"Vigtig besked nr. {id} – æøå");
                _signer.Sign(message, MimeKitTestLetter.Date.AddSeconds(i));
                paths[(i * PerThread) + n] = Write(message, $"letter{id}.eml");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var results = DkimVerifier.VerifyAll(paths, TxtRecord, DnsName);

        Assert.Equal(2 * PerThread, results.Count);
        Assert.All(results, r => Assert.True(r.Verified, r.Log));
    }

    [Fact]
    public void Key_errors_name_the_file_and_say_what_is_wrong()
    {
        var missing = _dir.File("nope.pem");
        var publicOnly = _dir.File("public.pem");
        File.WriteAllText(publicOnly, DkimTestKeys.Key.ExportSubjectPublicKeyInfoPem());
        var garbage = _dir.File("garbage.pem");
        File.WriteAllText(garbage, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        var ec = _dir.File("ec.pem");
        using (var ecKey = ECDsa.Create())
        {
            File.WriteAllText(ec, ecKey.ExportPkcs8PrivateKeyPem());
        }

        var encrypted = _dir.File("encrypted.pem");
        File.WriteAllText(encrypted, DkimTestKeys.Key.ExportEncryptedPkcs8PrivateKeyPem("secret",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)));
        var small = _dir.File("small.pem");
        using (var smallKey = RSA.Create(512))
        {
            File.WriteAllText(small, smallKey.ExportPkcs8PrivateKeyPem());
        }

        Assert.Contains(missing + ": the DKIM key file cannot be read", Refusal(missing), StringComparison.Ordinal);
        Assert.StartsWith(publicOnly + ": not a PEM RSA private key", Refusal(publicOnly), StringComparison.Ordinal);
        Assert.StartsWith(garbage + ": not a PEM RSA private key", Refusal(garbage), StringComparison.Ordinal);
        Assert.StartsWith(ec + ": not a PEM RSA private key", Refusal(ec), StringComparison.Ordinal);
        Assert.StartsWith(encrypted + ": the DKIM key is encrypted", Refusal(encrypted), StringComparison.Ordinal);
        Assert.StartsWith(small + ": the RSA key has 512 bits; DKIM needs at least 1024", Refusal(small), StringComparison.Ordinal);
        Assert.Equal(DkimTestKeys.PublicKeyBase64, _signer.PublicKeyBase64);
        Assert.Equal(Domain, _signer.Domain);
        Assert.Equal(Selector, _signer.Selector);
    }

    private static string Refusal(string path) =>
        Assert.Throws<DkimKeyException>(() => DkimSigner.FromPemFile(Domain, Selector, path)).Message;

    private string SignAndWrite(string name)
    {
        var message = MimeKitTestLetter.Create(_pdf);
        _signer.Sign(message, MimeKitTestLetter.Date);
        return Write(message, name);
    }

    private string Write(MimeKit.MimeMessage message, string name)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, MimeKitTestLetter.Bytes(message));
        return path;
    }

    private static string Head(string raw) => raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];

    // The tags of the DKIM-Signature as written: the first header, folding removed.
    private static Dictionary<string, string> SignatureTags(MimeKit.MimeMessage message)
    {
        var raw = Encoding.ASCII.GetString(MimeKitTestLetter.Bytes(message));
        var field = Regex.Match(raw, @"^DKIM-Signature:(.*\r\n(?:[ \t].*\r\n)*)");
        Assert.True(field.Success, raw[..200]);
        return Tags(field.Groups[1].Value);
    }

    private static Dictionary<string, string> Tags(string value) =>
        value.Split(';')
            .Select(t => t.Trim())
            .Where(t => t.Contains('=', StringComparison.Ordinal))
            .Select(t => t.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => Regex.Replace(p[1], @"\s", ""), StringComparer.Ordinal);
}
