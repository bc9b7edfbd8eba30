using System.Security.Cryptography;
using System.Text;

namespace Notices.Ledger;

/// <summary>
/// The secret that keys the ledger chain (HMAC-SHA256 instead of SHA-256), read from <c>NOTICES_LEDGER_KEY</c>.
/// The key bytes are the UTF-8 bytes of the variable's value exactly as set (no trimming, no decoding), at least
/// <see cref="MinimumBytes"/> of them. The key itself is never stored or printed; the store records only
/// <see cref="KeyId"/>, an HMAC of a fixed label, so a wrong key can be named without revealing the right one.
/// </summary>
public sealed class LedgerKey
{
    public const string EnvironmentVariable = "NOTICES_LEDGER_KEY";

    /// <summary>128 bits; a random key of 32 bytes (e.g. <c>openssl rand -base64 32</c>) is what the README advises.</summary>
    public const int MinimumBytes = 16;

    private const string KeyIdLabel = "notices-ledger-key-id-v1";

    private readonly byte[] _key;

    private LedgerKey(byte[] key)
    {
        _key = key;
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(KeyIdLabel)).AsSpan(0, 8));
    }

    /// <summary>16 hex digits naming the key (the first 8 bytes of its HMAC over a fixed label); safe to store and print.</summary>
    public string KeyId { get; }

    /// <exception cref="LedgerKeyException">The secret is shorter than <see cref="MinimumBytes"/> UTF-8 bytes.</exception>
    public static LedgerKey FromSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < MinimumBytes)
        {
            throw new LedgerKeyException(
                $"{EnvironmentVariable} is set but holds {bytes.Length} bytes; a ledger key needs at least {MinimumBytes} " +
                "(for example: export NOTICES_LEDGER_KEY=\"$(openssl rand -base64 32)\").");
        }

        return new LedgerKey(bytes);
    }

    /// <summary>The key from <c>NOTICES_LEDGER_KEY</c>, or null when the variable is not set.</summary>
    /// <exception cref="LedgerKeyException">The variable is set but empty or too short: keying is never silently off.</exception>
    public static LedgerKey? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return value is null ? null : FromSecret(value);
    }

    /// <summary>HMAC-SHA256 of the UTF-8 text under this key, as 64 lower-case hex digits.</summary>
    public string Mac(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>Names the key by its id only.</summary>
    public override string ToString() => "ledger key " + KeyId;
}
