using Notices.Campaigns;
using Notices.Delivery;
using Notices.Letters.Templates;

namespace Notices.Runs;

/// <summary>Turns a planned letter and its rendered PDF into what a delivery channel needs.</summary>
public static class OutgoingLetterBuilder
{
    /// <param name="composed">Null when only the post fields matter (no email bodies).</param>
    public static OutgoingLetter Build(string campaignId, PlannedLetter letter, ComposedLetter? composed, string pdfPath, string pdfSha256, int pages) => new()
    {
        LetterId = letter.LetterId,
        CampaignId = campaignId,
        PatientId = letter.Recipient.PatientId,
        Channel = letter.Channel,
        PdfPath = pdfPath,
        PdfSha256 = pdfSha256,
        PageCount = pages,
        RecipientName = letter.Recipient.FullName,
        EmailAddress = letter.Recipient.Email,
        EmailSubject = composed?.EmailSubject,
        EmailHtml = composed?.EmailHtml,
        EmailText = composed?.EmailText,
        AttachmentFileName = AttachmentFileName(letter.LetterId),
        PostalCode = letter.Recipient.PostalCode,
        City = letter.Recipient.City,
        LargePrint = letter.Recipient.LargePrint,
        Country = letter.Recipient.Country,
        HasPostalAddress = letter.Recipient.HasPostalAddress,
    };

    /// <summary>A name a patient recognises in their mail program: Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf.</summary>
    public static string AttachmentFileName(string letterId) => $"Vigtig-sikkerhedsmeddelelse-{letterId}.pdf";
}
