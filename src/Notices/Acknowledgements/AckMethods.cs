using Notices.Model;

namespace Notices.Acknowledgements;

/// <summary>The names of <see cref="AckMethod"/> on the command line and in files (post, email, phone, web; Danish too).</summary>
public static class AckMethods
{
    public static bool TryParse(string? text, out AckMethod method)
    {
        method = AckMethod.Post;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "post" or "brev":
                method = AckMethod.Post;
                return true;
            case "email" or "e-mail" or "mail":
                method = AckMethod.Email;
                return true;
            case "phone" or "telefon" or "tlf":
                method = AckMethod.Phone;
                return true;
            case "web" or "internet":
                method = AckMethod.Web;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The name on the command line and in files.</summary>
    public static string Name(AckMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The Danish word, for the authority's report.</summary>
    public static string Danish(AckMethod method) => method switch
    {
        AckMethod.Post => "post",
        AckMethod.Email => "e-mail",
        AckMethod.Phone => "telefon",
        AckMethod.Web => "web",
        _ => method.ToString(),
    };
}
