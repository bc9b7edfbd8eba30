namespace Notices.Delivery.Mime;

/// <summary>Checks a Message-ID as we make them: &lt;left@right&gt;, printable ASCII, no specials, one '@'.</summary>
public static class MessageIdText
{
    public static bool IsValid(string? id)
    {
        if (id is null || id.Length is < 5 or > 250 || id[0] != '<' || id[^1] != '>')
        {
            return false;
        }

        var inner = id[1..^1];
        var at = inner.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < inner.Length - 1 && inner.IndexOf('@', at + 1) < 0
            && inner.All(c => c is > ' ' and <= '~' and not ('<' or '>' or '"' or '\\' or '(' or ')' or ',' or ';' or ':' or '[' or ']'));
    }
}
