using System.Security.Cryptography.X509Certificates;

namespace Notices.Delivery.Smtp.Transport;

/// <summary>Loads the private CA of <c>--smtp-ca</c>.</summary>
public static class SmtpTransportCa
{
    /// <exception cref="InvalidOperationException">The file cannot be read or holds no certificate; the message names it.</exception>
    public static X509Certificate2Collection Load(string path) => SmtpCertificateCheck.LoadPem(path);
}
