using Notices.Campaigns;

namespace Notices.Letters.Templates;

/// <summary>Defaults shared by the template model and the composed letter, so both say the same thing.</summary>
public static class ComposerDefaults
{
    /// <summary>Where the reply form goes: notice.yaml's reply address, else the sender's organisation and address.</summary>
    public static IReadOnlyList<string> ReturnAddress(NoticePackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (package.ReplyAddress.Count > 0)
        {
            return package.ReplyAddress;
        }
        return [package.Sender.Organisation, .. package.Sender.AddressLines];
    }
}
