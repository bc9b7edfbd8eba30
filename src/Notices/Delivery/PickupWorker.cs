using System.Net.Mail;

namespace Notices.Delivery;

/// <summary>One SmtpClient writing into its own temp directory, so the file it just wrote is the only one there.</summary>
internal sealed class PickupWorker : IDisposable
{
    public PickupWorker(string tempDirectory)
    {
        TempDirectory = tempDirectory;
        Directory.CreateDirectory(tempDirectory);
        Client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = tempDirectory,
        };
    }

    public string TempDirectory { get; }

    public SmtpClient Client { get; }

    /// <summary>Removes leftovers of a send that failed half-way.</summary>
    public void ClearTemp()
    {
        foreach (var file in Directory.EnumerateFiles(TempDirectory))
        {
            File.Delete(file);
        }
    }

    /// <summary>The one .eml file SmtpClient wrote (it names files with a GUID).</summary>
    public string TakeWrittenFile()
    {
        var files = Directory.GetFiles(TempDirectory, "*.eml");
        return files.Length == 1
            ? files[0]
            : throw new InvalidOperationException($"expected one new .eml file in the worker directory, found {files.Length}");
    }

    public void Dispose()
    {
        Client.Dispose();
        try
        {
            Directory.Delete(TempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory holds no delivered mail.
        }
    }
}
