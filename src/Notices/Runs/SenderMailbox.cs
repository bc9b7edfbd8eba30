using Notices.Campaigns;
using Notices.Delivery.Mime;

namespace Notices.Runs;

/// <summary>Who letter emails are from: email.from, else sender.email; without a display name, the organisation.</summary>
public static class SenderMailbox
{
    /// <exception cref="NoticePackageException">Neither address is given, or it is not a mailbox.</exception>
    public static MailboxAddress Of(NoticePackage notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var where = Path.Combine(notice.Directory, NoticePackageLoader.NoticeFileName) + ":1: ";
        var from = notice.EmailFrom ?? notice.Sender.Email
            ?? throw new NoticePackageException([where + "email.from or sender.email is needed to send email."]);
        if (!MailboxAddress.TryParseMailbox(from, out var mailbox))
        {
            throw new NoticePackageException([where + "email.from (or sender.email) is not an email address."]);
        }

        return mailbox.DisplayName is null ? MailboxAddress.Parse(mailbox.Address, notice.Sender.Organisation) : mailbox;
    }
}
