namespace Notices.Model;

/// <summary>How the patient's acknowledgement reached the maker (the reply form by post, an email reply, a phone call, a web form).</summary>
public enum AckMethod
{
    Post,
    Email,
    Phone,
    Web,
}
