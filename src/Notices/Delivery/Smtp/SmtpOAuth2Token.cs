namespace Notices.Delivery.Smtp;

/// <summary>
/// The bearer token for AUTH XOAUTH2: fixed (from the environment) or read from a file at each connection, so that a
/// token refresher (tokens live about an hour) can replace the file while a long campaign runs.
/// </summary>
public sealed class SmtpOAuth2Token
{
    // A token is a JWT of a few kilobytes; anything far larger is not one (or not a regular file).
    private const int MaxTokenFileBytes = 64 * 1024;
    private readonly string? _token;
    private readonly string? _path;

    private SmtpOAuth2Token(string? token, string? path)
    {
        _token = token;
        _path = path;
    }

    public static SmtpOAuth2Token Fixed(string token) => new(token, null);

    public static SmtpOAuth2Token FromFile(string path) => new(null, path);

    /// <exception cref="InvalidOperationException">The file is missing, not a regular file, too large or empty; the
    /// message names the file, never the token.</exception>
    public string ReadToken()
    {
        if (_path is null)
        {
            return Clean(_token) ?? throw new InvalidOperationException($"{SmtpLogin.TokenVariable} is empty.");
        }

        try
        {
            // FileInfo follows a symbolic link (a mounted secret often is one). A FIFO, a device or a directory has no
            // length here: refused before it is opened, since reading a FIFO would wait for a writer for ever.
            var info = new FileInfo(_path);
            if (!info.Exists || info.Length == 0 || info.Length > MaxTokenFileBytes)
            {
                throw new InvalidOperationException($"{_path}: not an OAuth2 token file (a non-empty regular file of at most 64 KB).");
            }

            var text = File.ReadAllText(_path);
            return Clean(text) ?? throw new InvalidOperationException($"{_path}: the OAuth2 token file is empty.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{_path}: the OAuth2 token file cannot be read ({ex.GetType().Name}).");
        }
    }

    private static string? Clean(string? token) => token?.Trim() is { Length: > 0 } t && !t.Any(char.IsControl) ? t : null;
}
