namespace Notices.Delivery.Smtp.Transport;

/// <summary>Where in the SMTP session a failure happened.</summary>
public enum SmtpStage
{
    Connect,
    Greeting,
    Ehlo,
    StartTls,
    Auth,
    MailFrom,
    RcptTo,
    Data,
    /// <summary>While the message body was being written, before the final dot was handed to the socket.</summary>
    Body,
    /// <summary>After the final dot was sent, waiting for the server's reply: the message may have been queued.</summary>
    EndOfData,
}
