namespace Notices.Confirmations;

/// <summary>One message file of a Maildir. <see cref="FileName"/> is what reports and the ledger show; never the path.</summary>
public sealed record MaildirFile(string FileName, string Folder, string FullPath)
{
    /// <summary>Opens for reading only, letting the mail system write and rename alongside.</summary>
    public byte[] ReadAllBytes()
    {
        using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length > MaildirFolder.MaxMessageBytes)
        {
            throw new InvalidDataException("larger than " + (MaildirFolder.MaxMessageBytes / (1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " MB");
        }

        using var buffer = new MemoryStream((int)stream.Length);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
