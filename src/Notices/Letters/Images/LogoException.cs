namespace Notices.Letters.Images;

/// <summary>A logo file that cannot be drawn; the message says why and what to convert it to (no file name: the caller adds it).</summary>
public sealed class LogoException(string reason) : Exception(reason);
