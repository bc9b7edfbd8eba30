namespace Notices.Delivery.Smtp;

/// <summary>
/// How the SMTP client authenticates (only ever over TLS): AUTH PLAIN or LOGIN with a password, or AUTH XOAUTH2 with a
/// bearer token (Microsoft 365 and Google, where basic authentication is retired). Taken from the environment only.
/// </summary>
public sealed record SmtpLogin
{
    public const string UserVariable = "NOTICES_SMTP_USER";
    public const string PasswordVariable = "NOTICES_SMTP_PASSWORD";
    public const string TokenVariable = "NOTICES_SMTP_OAUTH2_TOKEN";
    public const string TokenFileVariable = "NOTICES_SMTP_OAUTH2_TOKEN_FILE";

    public required string UserName { get; init; }

    /// <summary>For PLAIN or LOGIN; empty with <see cref="OAuth2"/>.</summary>
    public string Password { get; init; } = "";

    /// <summary>XOAUTH2 instead of a password.</summary>
    public SmtpOAuth2Token? OAuth2 { get; init; }

    /// <summary>
    /// NOTICES_SMTP_USER with NOTICES_SMTP_PASSWORD, or with NOTICES_SMTP_OAUTH2_TOKEN_FILE (read at every connection,
    /// so a token refresher can replace the file during a long run) or NOTICES_SMTP_OAUTH2_TOKEN. None of them: null.
    /// </summary>
    /// <exception cref="InvalidOperationException">An incomplete or contradictory set, or an unreadable token file.</exception>
    public static SmtpLogin? FromEnvironment()
    {
        var user = Environment.GetEnvironmentVariable(UserVariable);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        var tokenFile = Environment.GetEnvironmentVariable(TokenFileVariable);
        var hasToken = !string.IsNullOrEmpty(token) || !string.IsNullOrEmpty(tokenFile);
        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(password) && !hasToken)
        {
            return null;
        }

        if (string.IsNullOrEmpty(user))
        {
            throw new InvalidOperationException(hasToken
                ? $"XOAUTH2 needs {UserVariable}: the mailbox the token was issued for."
                : $"Set both {UserVariable} and {PasswordVariable}, or neither.");
        }

        if (hasToken && !string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Give {PasswordVariable} or an OAuth2 token ({TokenFileVariable} or {TokenVariable}), not both.");
        }

        if (!string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(tokenFile))
        {
            throw new InvalidOperationException($"Give {TokenFileVariable} or {TokenVariable}, not both.");
        }

        if (hasToken)
        {
            var oauth = string.IsNullOrEmpty(tokenFile) ? SmtpOAuth2Token.Fixed(token!) : SmtpOAuth2Token.FromFile(tokenFile);
            oauth.ReadToken(); // fail before the run, not at the first connection
            return new SmtpLogin { UserName = user, OAuth2 = oauth };
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Set both {UserVariable} and {PasswordVariable}, or neither (or an OAuth2 token with {TokenFileVariable}).");
        }

        return new SmtpLogin { UserName = user, Password = password };
    }
}
