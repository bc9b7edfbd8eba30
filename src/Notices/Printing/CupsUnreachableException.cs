namespace Notices.Printing;

/// <summary>CUPS did not answer (nothing listens, the connection broke, or it answered with something not IPP).</summary>
public sealed class CupsUnreachableException(string message, Exception? inner = null) : IOException(message, inner);
