using System.Diagnostics;
using System.Text;
using Xunit;

namespace Notices.Tests.Support;

/// <summary>
/// Proves <see cref="DkimVerifier"/> before the DKIM tests lean on it: messages signed by dkimpy itself (dkim.sign,
/// rsa-sha256, relaxed/relaxed) with an openssl key verify, and every kind of tampering or wrong key fails.
/// </summary>
public sealed class DkimVerifierTests : IDisposable
{
    private const string Selector = "fsn2026";
    private const string Domain = "example.com";
    private const string DnsName = Selector + "._domainkey." + Domain + ".";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_message_signed_by_dkimpy_verifies_and_the_key_is_looked_up_under_selector_and_domain()
    {
        var key = NewKey("key.pem");
        var signed = Sign(SampleMessage(), key);

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(key), DnsName);

        Assert.True(result.Verified, result.Log);
        Assert.Equal([DnsName], result.QueriedNames);
    }

    [Fact]
    public void A_changed_subject_fails()
    {
        var key = NewKey("key.pem");
        var signed = Sign(SampleMessage(), key);
        Rewrite(signed, "Subject: Vigtig sikkerhedsmeddelelse", "Subject: Vigtig sikkerhedsmeddelelse!");

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(key), DnsName);

        // The body hash still matches; the RSA signature over the headers does not.
        Assert.False(result.Verified);
        Assert.Contains("valid: False", result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_body_fails()
    {
        var key = NewKey("key.pem");
        var signed = Sign(SampleMessage(), key);
        Rewrite(signed, "serienummer NG1234567H", "serienummer NG7654321H");

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(key), DnsName);

        Assert.False(result.Verified);
        Assert.Contains("body hash mismatch", result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_message_with_bare_lf_line_ends_as_postfix_writes_a_maildir_still_verifies()
    {
        var key = NewKey("key.pem");
        var signed = Sign(SampleMessage(), key);
        File.WriteAllText(signed, File.ReadAllText(signed).Replace("\r\n", "\n", StringComparison.Ordinal));

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(key), DnsName);

        Assert.True(result.Verified, result.Log);
    }

    [Fact]
    public void The_public_key_of_another_pair_fails()
    {
        var signed = Sign(SampleMessage(), NewKey("key.pem"));

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(NewKey("other.pem")), DnsName);

        Assert.False(result.Verified);
    }

    [Fact]
    public void A_record_published_only_under_another_selector_fails()
    {
        var key = NewKey("key.pem");
        var signed = Sign(SampleMessage(), key);

        var result = DkimVerifier.Verify(signed, DkimVerifier.TxtRecordForKeyFile(key), "other._domainkey.example.com.");

        Assert.False(result.Verified);
        Assert.Equal([DnsName], result.QueriedNames);
    }

    [Fact]
    public void An_unsigned_message_fails_without_looking_up_a_key()
    {
        var result = DkimVerifier.Verify(SampleMessage(), DkimVerifier.TxtRecordForKeyFile(NewKey("key.pem")));

        Assert.False(result.Verified);
        Assert.Empty(result.QueriedNames);
    }

    [Fact]
    public void Many_files_are_verified_in_one_run_each_with_its_own_verdict_in_order()
    {
        var key = NewKey("key.pem");
        var good = Sign(SampleMessage(), key);
        var tampered = _dir.File("tampered.eml");
        File.Copy(good, tampered);
        Rewrite(tampered, "To: patient@patients.test", "To: someone.else@patients.test");
        var goodCopy = _dir.File("good-copy.eml");
        File.Copy(good, goodCopy);
        var unsigned = SampleMessage();

        var results = DkimVerifier.VerifyAll([good, tampered, unsigned, goodCopy], DkimVerifier.TxtRecordForKeyFile(key), DnsName);

        Assert.Equal([true, false, false, true], results.Select(r => r.Verified));
        Assert.Equal([1, 1, 0, 1], results.Select(r => r.QueriedNames.Count));
        Assert.Contains("valid: False", results[1].Log, StringComparison.Ordinal);
        Assert.DoesNotContain("valid: False", results[3].Log, StringComparison.Ordinal);
    }

    [Fact]
    public void The_txt_record_carries_the_same_public_key_as_openssl_pubout()
    {
        var key = NewKey("key.pem");
        var pem = Run("openssl", "rsa", "-in", key, "-pubout");
        var base64 = string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));

        Assert.Equal("v=DKIM1; k=rsa; p=" + base64, DkimVerifier.TxtRecordForKeyFile(key));
    }

    /// <summary>A 2048-bit RSA key as PKCS#1 PEM ("RSA PRIVATE KEY"), the form dkimpy's signer reads.</summary>
    private string NewKey(string name)
    {
        var path = _dir.File(name);
        Run("openssl", "genrsa", "-traditional", "-out", path, "2048");
        return path;
    }

    private string SampleMessage()
    {
        var path = _dir.File("message.eml");
        var message = string.Join("\r\n",
            "From: Medtronic Danmark <fsn@example.com>",
            "To: patient@patients.test",
            "Subject: Vigtig sikkerhedsmeddelelse",
            "Date: Sat, 21 Nov 2026 10:00:00 +0100",
            "Message-ID: <FA830-DK-000002.abc@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Kære patient,",
            "Deres pumpe med serienummer NG1234567H er omfattet.",
            "");
        File.WriteAllText(path, message, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Signs with dkimpy itself (relaxed/relaxed, the headers the issue names) and returns the signed file.</summary>
    private string Sign(string messagePath, string keyPath)
    {
        var signedPath = _dir.File("signed.eml");
        Run(DkimVerifier.Python, "-c", """
            import sys, dkim
            data = open(sys.argv[1], "rb").read()
            key = open(sys.argv[2], "rb").read()
            sig = dkim.sign(data, sys.argv[3].encode(), sys.argv[4].encode(), key,
                            canonicalize=(b"relaxed", b"relaxed"),
                            include_headers=[b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type"])
            open(sys.argv[5], "wb").write(sig + data)
            """, messagePath, keyPath, Selector, Domain, signedPath);
        Assert.StartsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;", File.ReadAllText(signedPath), StringComparison.Ordinal);
        return signedPath;
    }

    private static void Rewrite(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal), new UTF8Encoding(false));
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
