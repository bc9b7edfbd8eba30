namespace Notices.Letters.Images;

/// <summary>How a prepared logo is embedded in the PDF.</summary>
public enum LogoFormat
{
    /// <summary>Decoded, scaled to its box and re-encoded as an 8-bit PNG.</summary>
    Png,
    /// <summary>Embedded unchanged (PDF viewers decode baseline and progressive JPEG themselves).</summary>
    Jpeg,
}
