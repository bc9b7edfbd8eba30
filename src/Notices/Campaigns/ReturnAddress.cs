namespace Notices.Campaigns;

/// <summary>
/// The small return line printed in the envelope window above the recipient (notice.yaml: <c>return_address</c>):
/// the post office returns the letter there when it cannot be delivered. On by default.
/// </summary>
/// <param name="Enabled">False: nothing is printed above the recipient.</param>
/// <param name="Text">The lead-in, e.g. "Returneres ved varig adresseændring"; the sender's address follows it.</param>
/// <param name="Address">The address to return to; empty means the sender's organisation and address lines.</param>
public sealed record ReturnAddress(bool Enabled, string Text, IReadOnlyList<string> Address)
{
    public const string DefaultText = "Ved varig adresseændring returneres brevet til";

    public static ReturnAddress Default { get; } = new(true, DefaultText, []);

    public static ReturnAddress Off { get; } = new(false, DefaultText, []);

    /// <summary>
    /// The lines to print: the text (with a colon), then organisation and address joined with ", " on one line.
    /// Empty when turned off.
    /// </summary>
    public IReadOnlyList<string> Lines(SenderInfo sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (!Enabled)
        {
            return [];
        }

        var parts = Address.Count > 0 ? Address : [sender.Organisation, .. sender.AddressLines];
        var address = string.Join(", ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()));
        return address.Length == 0 ? [Text] : [Text.TrimEnd(':', ' ') + ":", address];
    }
}
