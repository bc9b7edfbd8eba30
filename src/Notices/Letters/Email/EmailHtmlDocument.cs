namespace Notices.Letters.Email;

/// <summary>A minimal, self-contained HTML email document (Danish, UTF-8, inline CSS) around a body fragment.</summary>
public static class EmailHtmlDocument
{
    private const string BodyStyle =
        "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;";
    private const string ContentStyle = "max-width:640px;margin:0 auto;";
    // Clients that drop <style> still get readable text; the rules only add table borders and heading sizes.
    private const string StyleSheet =
        "h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:20px 0 8px}h3{font-size:16px;margin:16px 0 6px}" +
        "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #999;padding:4px 8px;text-align:left}" +
        "th{background:#eeeeee}";

    public static string Wrap(string bodyFragment, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(bodyFragment);
        var safeTitle = EscapeText(title ?? string.Empty);
        return "<!DOCTYPE html>\n" +
               "<html lang=\"da\">\n" +
               "<head>\n" +
               "<meta charset=\"utf-8\">\n" +
               "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n" +
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
               $"<title>{safeTitle}</title>\n" +
               $"<style>{StyleSheet}</style>\n" +
               "</head>\n" +
               $"<body style=\"{BodyStyle}\">\n" +
               $"<div style=\"{ContentStyle}\">\n" +
               bodyFragment +
               "</div>\n" +
               "</body>\n" +
               "</html>\n";
    }

    // Not WebUtility.HtmlEncode: that turns æøå into numeric entities.
    private static string EscapeText(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
