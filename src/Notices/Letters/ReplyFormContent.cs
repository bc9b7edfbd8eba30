using Notices.Campaigns;

namespace Notices.Letters;

/// <summary>The "Kvitteringsformular" page: who, which devices, and where the form goes back.</summary>
public sealed record ReplyFormContent
{
    public required string PatientName { get; init; }
    public required IReadOnlyList<AffectedDevice> Devices { get; init; }
    /// <summary>Address lines the form is returned to.</summary>
    public required IReadOnlyList<string> ReturnAddress { get; init; }
    public string? ReturnEmail { get; init; }
    /// <summary>Text the QR code encodes (the letter id).</summary>
    public required string QrPayload { get; init; }
}
