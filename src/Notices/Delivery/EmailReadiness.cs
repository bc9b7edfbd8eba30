using System.Security.Cryptography;

namespace Notices.Delivery;

/// <summary>
/// The checks every email channel makes before sending a letter: an address, and the PDF on disk is the one the ledger
/// recorded (re-hashed, so an attachment can never differ from what was rendered).
/// </summary>
public static class EmailReadiness
{
    /// <summary>Null when the letter can go out; else the reason it cannot. <paramref name="sha256"/> is the file's hash.</summary>
    public static string? Problem(OutgoingLetter letter, out string sha256)
    {
        ArgumentNullException.ThrowIfNull(letter);
        sha256 = "";
        if (string.IsNullOrWhiteSpace(letter.EmailAddress))
        {
            return "no email address";
        }

        if (!File.Exists(letter.PdfPath))
        {
            return "letter PDF not found";
        }

        sha256 = Sha256OfFile(letter.PdfPath);
        return string.IsNullOrEmpty(letter.PdfSha256) || string.Equals(sha256, letter.PdfSha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : "letter PDF changed since it was rendered (SHA-256 differs)";
    }

    /// <summary>Lower-case hex SHA-256 of a file, streamed.</summary>
    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
