namespace Notices.Delivery.Mime;

/// <summary>The DKIM key named by NOTICES_DKIM_KEY_FILE cannot be used; the message is one line naming the file.</summary>
public sealed class DkimKeyException(string message) : Exception(message);
