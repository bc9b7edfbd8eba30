using System.Globalization;
using System.Security.Cryptography;

namespace Notices.Delivery.Mime;

/// <summary>
/// Reads the DKIM private key named by NOTICES_DKIM_KEY_FILE for <see cref="DkimSigner"/>.
/// </summary>
internal static class DkimKeyFile
{
    /// <summary>Reads a PEM RSA private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY") of at least 1024 bits.</summary>
    /// <exception cref="DkimKeyException">The file cannot be read or holds no usable RSA private key; the message names the file.</exception>
    public static RSA Load(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DkimKeyException($"{path}: the DKIM key file cannot be read ({ex.GetType().Name}).");
        }

        if (pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
            || pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
        {
            // The send has no way to ask for a passphrase; say what is wrong instead of "not a private key".
            throw new DkimKeyException($"{path}: the DKIM key is encrypted; give it unencrypted (openssl pkey -in key.pem -out plain.pem) and keep that file readable only by the sender.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            // A public key imports too; only a private key can sign.
            rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new DkimKeyException($"{path}: not a PEM RSA private key (DKIM needs one, e.g. from 'openssl genrsa 2048').");
        }

        if (rsa.KeySize < 1024)
        {
            rsa.Dispose();
            throw new DkimKeyException($"{path}: the RSA key has {rsa.KeySize.ToString(CultureInfo.InvariantCulture)} bits; DKIM needs at least 1024 (2048 recommended).");
        }

        return rsa;
    }
}
