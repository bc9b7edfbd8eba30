using System.Security.Cryptography;
using System.Text;

namespace Notices.Delivery;

/// <summary>
/// Signed VERP: every letter's envelope sender is <c>bounces+&lt;letter-id&gt;.&lt;tag&gt;@&lt;bounce-domain&gt;</c>, where the
/// tag is HMAC-SHA256 over the campaign and letter id under a secret key, cut to 80 bits and written as 16 lower-case
/// base32 characters (a-z, 2-7: safe in a local part, and unchanged by a mail system that lower-cases addresses).
/// Letter ids hold only letters, digits, '-' and '_' (reference and country are validated), so the first '.' after
/// <c>bounces+</c> ends the id. A report delivered to an address whose tag does not verify was not caused by our email
/// and is never recorded: without the key nobody can make the address of another letter.
/// </summary>
public sealed class VerpSigner
{
    /// <summary>Environment variable that, when set, holds the key (otherwise the store's own secret is used).</summary>
    public const string EnvironmentVariable = "NOTICES_VERP_KEY";
    public const string LocalPartPrefix = "bounces+";
    /// <summary>Local part prefix of a letter's Reply-To address (<c>svar+&lt;letter-id&gt;.&lt;tag&gt;@&lt;reply-domain&gt;</c>).</summary>
    public const string ReplyLocalPartPrefix = "svar+";
    public const int TagLength = 16;
    public const int MinimumKeyLength = 16;

    private const int TagBytes = TagLength * 5 / 8;
    private const string BouncePurpose = "notices-verp-v1";
    private const string ReplyPurpose = "notices-reply-v1";
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private readonly byte[] _key;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public VerpSigner(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A VERP key needs at least {MinimumKeyLength} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// The signer for this process: the key in <see cref="EnvironmentVariable"/> when it is set, else the one
    /// <paramref name="storedKey"/> returns (the store's secret, made on first use).
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable is set but shorter than 16 characters.</exception>
    public static VerpSigner FromEnvironmentOr(Func<byte[]> storedKey) =>
        Create(Environment.GetEnvironmentVariable(EnvironmentVariable), storedKey);

    /// <summary><see cref="FromEnvironmentOr"/> with the variable's value passed in (tests set it without touching the process).</summary>
    public static VerpSigner Create(string? environmentKey, Func<byte[]> storedKey)
    {
        ArgumentNullException.ThrowIfNull(storedKey);
        if (string.IsNullOrEmpty(environmentKey))
        {
            return new VerpSigner(storedKey());
        }

        var bytes = Encoding.UTF8.GetBytes(environmentKey);
        if (bytes.Length < MinimumKeyLength)
        {
            // The value itself is never printed.
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is shorter than {MinimumKeyLength} characters; set a long random value (e.g. from 'openssl rand -hex 32') or unset it to use the store's own key.");
        }

        return new VerpSigner(bytes);
    }

    /// <summary>The 16-character tag of one letter.</summary>
    public string Tag(string campaignId, string letterId) => Tag(campaignId, letterId, BouncePurpose);

    /// <summary>
    /// The 16-character tag of a letter's Reply-To address. Made under the same key as <see cref="Tag(string, string)"/>
    /// but over a different purpose string, so a letter's bounce tag is never its reply tag: one address seen in a
    /// bounce cannot be turned into the other.
    /// </summary>
    public string ReplyTag(string campaignId, string letterId) => Tag(campaignId, letterId, ReplyPurpose);

    /// <summary><c>svar+&lt;letter-id&gt;.&lt;reply-tag&gt;@&lt;replyDomain&gt;</c>: where a patient's reply to this letter goes.</summary>
    /// <exception cref="ArgumentException">The letter id holds a character other than a letter, digit, '-' or '_'.</exception>
    public string ReplyAddress(string campaignId, string letterId, string replyDomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(replyDomain);
        ArgumentException.ThrowIfNullOrEmpty(letterId);
        if (!IsVerpSafeId(letterId))
        {
            throw new ArgumentException($"Letter id '{letterId}' cannot be put in a reply address.", nameof(letterId));
        }

        return ReplyLocalPartPrefix + letterId + "." + ReplyTag(campaignId, letterId) + "@" + replyDomain.Trim();
    }

    /// <summary>True when <paramref name="tag"/> is the letter's reply tag (constant-time, like <see cref="Verify"/>).</summary>
    public bool VerifyReply(string campaignId, string letterId, string? tag) => Verify(campaignId, letterId, tag, ReplyPurpose);

    private string Tag(string campaignId, string letterId, string purpose)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac(campaignId, letterId, purpose, mac);
        return Base32(mac[..TagBytes]);
    }

    /// <summary><c>bounces+&lt;letter-id&gt;.&lt;tag&gt;@&lt;bounceDomain&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The letter id holds a character other than a letter, digit, '-' or '_'.</exception>
    public string Address(string campaignId, string letterId, string bounceDomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bounceDomain);
        ArgumentException.ThrowIfNullOrEmpty(letterId);
        if (!IsVerpSafeId(letterId))
        {
            throw new ArgumentException($"Letter id '{letterId}' cannot be put in a VERP address.", nameof(letterId));
        }

        return LocalPartPrefix + letterId + "." + Tag(campaignId, letterId) + "@" + bounceDomain.Trim();
    }

    /// <summary>
    /// True when <paramref name="tag"/> (any case, as received) is the tag of this letter. The comparison is
    /// constant-time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so timing tells a forger nothing
    /// about how much of a guessed tag was right.
    /// </summary>
    public bool Verify(string campaignId, string letterId, string? tag) => Verify(campaignId, letterId, tag, BouncePurpose);

    private bool Verify(string campaignId, string letterId, string? tag, string purpose)
    {
        if (tag is null || tag.Length != TagLength || !TryDecodeBase32(tag, out var received))
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[32];
        Mac(campaignId, letterId, purpose, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..TagBytes], received);
    }

    /// <summary>Letters, digits, '-' and '_': what a letter id holds, and what the VERP parser reads as the id.</summary>
    public static bool IsVerpSafeId(string letterId) =>
        letterId.Length > 0 && letterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private void Mac(string campaignId, string letterId, string purpose, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(campaignId);
        ArgumentException.ThrowIfNullOrEmpty(letterId);
        // Versioned, and NUL-separated so that no (campaign, letter) pair can spell another. The bounce purpose string
        // is the one VERP addresses were always signed with, so addresses already sent keep verifying.
        var message = Encoding.UTF8.GetBytes(purpose + "\0" + campaignId + "\0" + letterId);
        HMACSHA256.HashData(_key, message, destination);
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 8 / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = ((buffer << 8) | b) & 0xFFF; // at most 12 bits are ever pending
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return sb.ToString();
    }

    private static bool TryDecodeBase32(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = Base32Alphabet.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bytes[index++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        return true;
    }
}
