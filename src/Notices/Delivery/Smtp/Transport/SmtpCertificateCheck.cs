using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>
/// Server certificate validation: the system's normal check, or, with a private CA, a chain built against that CA
/// alone (<see cref="X509ChainTrustMode.CustomRootTrust"/>). The host name must match either way.
/// </summary>
internal static class SmtpCertificateCheck
{
    public static RemoteCertificateValidationCallback? For(X509Certificate2Collection? trustedRoots)
    {
        if (trustedRoots is not { Count: > 0 })
        {
            return null;
        }

        return (_, certificate, chain, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            // A name mismatch or a missing certificate is never forgiven; only the root may be ours.
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
            {
                return false;
            }

            using var custom = new X509Chain();
            custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            custom.ChainPolicy.CustomTrustStore.AddRange(trustedRoots);
            custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain is not null)
            {
                foreach (var element in chain.ChainElements.Skip(1))
                {
                    custom.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            using var leaf = new X509Certificate2(certificate);
            return custom.Build(leaf);
        };
    }

    /// <summary>Reads every certificate in a PEM file.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or holds no certificate.</exception>
    public static X509Certificate2Collection LoadPem(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{path}: cannot read the CA certificate ({ex.GetType().Name})", ex);
        }

        return collection.Count > 0 ? collection : throw new InvalidOperationException($"{path}: no PEM certificate in the file");
    }
}
