namespace Notices.Model;

/// <summary>How an email leaves: as a file in the pickup directory, or handed to an SMTP server.</summary>
public enum EmailTransport
{
    Pickup,
    Smtp,
}
