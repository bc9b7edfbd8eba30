using System.Security.Cryptography;
using Notices.Delivery.Mime;

namespace Notices.Delivery;

/// <summary>
/// The per-letter addressing both email channels share: the Message-ID, the signed VERP envelope sender (MAIL FROM
/// only, never a header), the Reply-To, and the <see cref="MailContent"/> the MIME writer turns into bytes.
/// </summary>
public sealed class EmailAddressing
{
    private readonly EmailIdentity _identity;
    private readonly string _messageIdDomain;

    // The sender is the same for every letter of the run: parsed once.
    private readonly MailboxAddress _from;

    // The fixed reply_to, parsed as notice.yaml writes it (bare or Name <address>), the way plan checks it.
    private readonly MailboxAddress? _replyTo;

    // Checked up front: an unsigned VERP address would make every report about the letter unmatchable.
    private readonly VerpSigner? _verp;

    // The same key signs the per-letter Reply-To (over another purpose string, see VerpSigner.ReplyTag).
    private readonly VerpSigner? _replySigner;

    /// <exception cref="FormatException">The From or the fixed Reply-To is not a mailbox (plan refuses both before).</exception>
    public EmailAddressing(EmailIdentity identity)
    {
        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _from = MailboxAddress.Parse(identity.FromAddress, identity.FromDisplayName);
        _replyTo = string.IsNullOrWhiteSpace(identity.ReplyToAddress) ? null : MailboxAddress.ParseMailbox(identity.ReplyToAddress);
        _messageIdDomain = identity.MessageIdDomain ?? _from.Domain;
        _verp = string.IsNullOrWhiteSpace(identity.BounceDomain) ? null
            : identity.Verp ?? throw new ArgumentException("A bounce domain needs a VERP signer (EmailIdentity.Verp).", nameof(identity));
        _replySigner = string.IsNullOrWhiteSpace(identity.ReplyDomain) ? null
            : identity.Verp ?? throw new ArgumentException("A reply domain needs a VERP signer (EmailIdentity.Verp).", nameof(identity));
    }

    public static string NewMessageId(string letterId, string domain)
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return $"<{HeaderText.Token(letterId)}.{random}@{domain}>";
    }

    /// <summary>A fresh Message-ID for one send of a letter; retries of that send reuse it.</summary>
    public string NewMessageId(string letterId) => NewMessageId(letterId, _messageIdDomain);

    /// <summary>The letter's signed VERP address (for MAIL FROM), or null without a bounce domain.</summary>
    public string? VerpAddressFor(OutgoingLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return _verp?.Address(letter.CampaignId, letter.LetterId, _identity.BounceDomain!);
    }

    /// <summary>The letter's Reply-To: its signed <c>svar+</c> address with a reply domain, else the fixed reply_to, else null.</summary>
    public MailboxAddress? ReplyToFor(OutgoingLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return _replySigner?.ReplyAddress(letter.CampaignId, letter.LetterId, _identity.ReplyDomain!) is { } signed
            ? MailboxAddress.Parse(signed)
            : _replyTo;
    }

    /// <summary>What the letter's email says, for <see cref="MimeMessage"/>. Signed with <see cref="EmailIdentity.Dkim"/> when set.</summary>
    /// <exception cref="FormatException">The recipient's (or a configured) address is not valid.</exception>
    public MailContent Content(OutgoingLetter letter, string messageId, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var fileName = HeaderText.Clean(letter.AttachmentFileName);
        return new MailContent
        {
            From = _from,
            To = MailboxAddress.Parse(HeaderText.Clean(letter.EmailAddress), letter.RecipientName),
            ReplyTo = ReplyToFor(letter),
            Subject = letter.EmailSubject ?? "",
            Date = date,
            MessageId = messageId,
            TextBody = letter.EmailText ?? "",
            HtmlBody = letter.EmailHtml,
            AttachmentPath = letter.PdfPath,
            AttachmentFileName = fileName.Length == 0 ? HeaderText.Token(letter.LetterId) + ".pdf" : fileName,
            AttachmentSha256 = letter.PdfSha256,
            Dkim = _identity.Dkim,
        };
    }
}
