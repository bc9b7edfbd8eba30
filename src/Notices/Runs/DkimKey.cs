using Notices.Campaigns;
using Notices.Delivery.Mime;

namespace Notices.Runs;

/// <summary>
/// The DKIM signer of a notice: notice.yaml <c>dkim</c> plus the PEM private key NOTICES_DKIM_KEY_FILE names. Without
/// <c>dkim</c> nothing is signed. A key that is missing, unreadable or not an RSA private key stops plan and send
/// (<see cref="NoticePackageException"/>, exit 2) instead of sending unsigned mail the domain's DMARC may reject.
/// </summary>
public static class DkimKey
{
    /// <exception cref="NoticePackageException">dkim is configured and the key cannot be used.</exception>
    public static DkimSigner? SignerFor(NoticePackage notice, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Dkim is not { } dkim)
        {
            return null;
        }

        var path = (environment ?? Environment.GetEnvironmentVariable)(DkimSettings.KeyFileVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new NoticePackageException([
                $"{Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName)}:1: dkim is configured but {DkimSettings.KeyFileVariable} is not set (it names the PEM private key to sign with)."]);
        }

        try
        {
            return DkimSigner.FromPemFile(dkim.Domain, dkim.Selector, path);
        }
        catch (DkimKeyException ex)
        {
            throw new NoticePackageException([ex.Message]);
        }
    }

    /// <summary>For plan: loads the key once to prove it can sign, and lets it go.</summary>
    public static void Check(NoticePackage notice) => SignerFor(notice)?.Dispose();
}
