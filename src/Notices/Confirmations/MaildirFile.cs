using System.Globalization;

namespace Notices.Confirmations;

/// <summary>One message file of a Maildir. <see cref="FileName"/> is what reports and the ledger show; never the path.</summary>
public sealed record MaildirFile(string FileName, string Folder, string FullPath)
{
    /// <summary>
    /// Opens for reading only, letting the mail system write and rename alongside. The mail system delivers only
    /// regular files: a symbolic link is not followed (it could point at /dev/zero or a secret), an empty entry is not
    /// opened (a FIFO would wait for a writer for ever), and at most <see cref="MaildirFolder.MaxMessageBytes"/> are read
    /// whatever size the file claims.
    /// </summary>
    /// <exception cref="InvalidDataException">A symbolic link, or a file larger than the limit.</exception>
    public byte[] ReadAllBytes()
    {
        var info = new FileInfo(FullPath);
        if (info.LinkTarget is not null)
        {
            throw new InvalidDataException("a symbolic link, not a delivered message (not followed)");
        }

        if (info.Length == 0)
        {
            return [];
        }

        var tooLarge = "larger than " + (MaildirFolder.MaxMessageBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";
        if (info.Length > MaildirFolder.MaxMessageBytes)
        {
            throw new InvalidDataException(tooLarge);
        }

        using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream((int)info.Length);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaildirFolder.MaxMessageBytes)
            {
                throw new InvalidDataException(tooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
