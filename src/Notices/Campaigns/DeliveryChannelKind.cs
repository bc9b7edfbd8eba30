namespace Notices.Campaigns;

public enum DeliveryChannelKind
{
    Email,
    Post,
    /// <summary>No usable postal address and no consented, valid email.</summary>
    Unreachable,
}
