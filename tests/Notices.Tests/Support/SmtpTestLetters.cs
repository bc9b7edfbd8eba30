using System.Globalization;
using Notices.Campaigns;
using Notices.Delivery;

namespace Notices.Tests.Support;

/// <summary>The sender identity and the email letters the SMTP channel tests hand to a scripted server.</summary>
public static class SmtpTestLetters
{
    /// <summary>A sender with a VERP bounce domain; <paramref name="verpKey"/> keeps each test class's tags its own.</summary>
    public static EmailIdentity Identity(string verpKey) => new()
    {
        FromAddress = "fsn@example.com",
        FromDisplayName = "Medicinsk Udstyr A/S",
        BounceDomain = "bounces.example.com",
        Verp = new VerpSigner(System.Text.Encoding.UTF8.GetBytes(verpKey)),
    };

    public static string Id(int n) => "FA830-DK-" + n.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Letter <paramref name="n"/> to p<paramref name="n"/>@patients.test with the given PDF attached.</summary>
    public static OutgoingLetter Letter(int n, string pdfPath, string pdfSha256, string text = "Se vedhæftede brev.", string? attachmentFileName = null, string? html = "<p>Se vedhæftede brev.</p>") => new()
    {
        LetterId = Id(n),
        CampaignId = "FA830",
        PatientId = "P" + n.ToString(CultureInfo.InvariantCulture),
        Channel = DeliveryChannelKind.Email,
        PdfPath = pdfPath,
        PdfSha256 = pdfSha256,
        PageCount = 1,
        RecipientName = "Åse Ødegård",
        EmailAddress = $"p{n}@patients.test",
        EmailSubject = "Vigtig sikkerhedsmeddelelse",
        EmailText = text,
        EmailHtml = html,
        AttachmentFileName = attachmentFileName ?? $"Vigtig-sikkerhedsmeddelelse-{Id(n)}.pdf",
    };
}
