using Xunit;
using Notices.Letters.Email;

namespace Notices.Tests.Letters.Email;

public sealed class EmailBodyRendererTests
{
    [Fact]
    public void Html_IsADanishUtf8DocumentWithTheRenderedMarkdown()
    {
        var (html, text) = EmailBodyRenderer.Render("# Vigtig besked\n\nKære Søren Ærø, læs **straks** dette.\n\n- ét\n- to\n", "Emne æøå & <x>");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"da\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Emne æøå &amp; &lt;x&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Vigtig besked</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Kære Søren Ærø, læs <strong>straks</strong> dette.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<li>ét</li>", html, StringComparison.Ordinal);
        Assert.Contains("style=\"", html, StringComparison.Ordinal);
        Assert.Contains("Kære Søren Ærø, læs straks dette.", text, StringComparison.Ordinal);
        Assert.Contains("- ét\n- to\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_RawHtmlInTemplateIsNotPassedThrough()
    {
        var (html, _) = EmailBodyRenderer.Render("Hej <script>alert(1)</script>\n");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
