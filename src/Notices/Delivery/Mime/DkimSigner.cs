using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Notices.Delivery.Mime;

/// <summary>
/// DKIM signatures (RFC 6376): rsa-sha256, relaxed/relaxed, over <see cref="SignedHeaders"/> where present. The caller
/// gives the body hash (<see cref="RelaxedBodyHash"/>), so the body is streamed once and never buffered.
/// </summary>
public sealed class DkimSigner : IDisposable, IMessageSigner
{
    /// <summary>Signed in this order when the message has them.</summary>
    public static readonly IReadOnlyList<string> SignedHeaders =
        ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Auto-Submitted", "Content-Language"];

    private readonly RSA _key;
    private readonly Lock _sign = new();

    public DkimSigner(string domain, string selector, RSA key)
    {
        Domain = domain;
        Selector = selector;
        _key = key ?? throw new ArgumentNullException(nameof(key));
    }

    public string Domain { get; }

    public string Selector { get; }

    /// <summary>Reads a PEM RSA private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY").</summary>
    /// <exception cref="DkimKeyException">The file cannot be read or holds no RSA private key; the message names the file.</exception>
    public static DkimSigner FromPemFile(string domain, string selector, string path) =>
        new(domain, selector, DkimKeyFile.Load(path));

    /// <summary>The public key as base64 SubjectPublicKeyInfo: the p= of the DNS TXT record.</summary>
    public string PublicKeyBase64 => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>The DKIM-Signature header for these headers and body hash, folded.</summary>
    public MimeHeader Sign(IReadOnlyList<MimeHeader> headers, byte[] bodyHash, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(bodyHash);
        var signed = SignedHeaders
            .Select(name => headers.LastOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<MimeHeader>()
            .ToList();
        var tags = new List<string>
        {
            "v=1;", "a=rsa-sha256;", "c=relaxed/relaxed;", $"d={Domain};", $"s={Selector};",
            $"t={time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)};",
        };
        tags.AddRange(HeaderList(signed.Select(h => h.Name.ToLowerInvariant()).ToList()));
        tags.Add($"bh={Convert.ToBase64String(bodyHash)};");
        tags.Add("b=");
        var unsigned = HeaderFolding.Fold("DKIM-Signature", tags);

        var data = new StringBuilder();
        foreach (var header in signed)
        {
            data.Append(DkimCanonical.RelaxedHeader(header.Text)).Append("\r\n");
        }

        // The signature's own header, b= empty and without its CRLF (RFC 6376 §3.7).
        data.Append(DkimCanonical.RelaxedHeader(unsigned.Text));
        byte[] raw;
        lock (_sign)
        {
            // Workers sign in parallel; one RSA object is not documented as thread-safe.
            raw = _key.SignData(Encoding.ASCII.GetBytes(data.ToString()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        var signature = Convert.ToBase64String(raw);

        // Fold b= inside its value; a verifier removes the whole value, folding included.
        var text = new StringBuilder(unsigned.Text);
        var lineLength = unsigned.Text.Length - unsigned.Text.LastIndexOf('\n') - 1;
        for (var i = 0; i < signature.Length;)
        {
            var room = HeaderFolding.FoldAt - lineLength;
            if (room <= 0)
            {
                text.Append("\r\n ");
                lineLength = 1;
                continue;
            }

            var take = Math.Min(room, signature.Length - i);
            text.Append(signature, i, take);
            lineLength += take;
            i += take;
        }

        return new MimeHeader("DKIM-Signature", text.ToString());
    }

    public void Dispose() => _key.Dispose();

    private static IEnumerable<string> HeaderList(List<string> names)
    {
        // h= as one token per name so it folds at the colons.
        for (var i = 0; i < names.Count; i++)
        {
            yield return (i == 0 ? "h=" : ":") + names[i] + (i == names.Count - 1 ? ";" : "");
        }
    }

    // Temporary while the MimeKit signer is integrated.
    public void Sign(MimeKit.MimeMessage message, MimeKit.FormatOptions format, DateTimeOffset time) => throw new NotSupportedException();
}
