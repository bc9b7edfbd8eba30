namespace Notices.Campaigns;

/// <summary>notice.yaml <c>dkim: { domain, selector }</c>: sign with d=domain, s=selector; the private key is the PEM file NOTICES_DKIM_KEY_FILE names.</summary>
public sealed record DkimSettings(string Domain, string Selector)
{
    public const string KeyFileVariable = "NOTICES_DKIM_KEY_FILE";
}
