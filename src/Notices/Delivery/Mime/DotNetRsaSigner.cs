using System.Buffers;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Notices.Delivery.Mime;

/// <summary>
/// The RSA step of a MimeKit DKIM signature done by .NET (OpenSSL) instead of BouncyCastle's managed RSA, which costs
/// several milliseconds per 2048-bit signature. MimeKit feeds it the canonicalised header block; only rsa-sha256
/// signing is supported. One instance per signature: it is not thread-safe, the shared key is locked while signing.
/// </summary>
internal sealed class DotNetRsaSigner(RSA key, Lock keyLock) : ISigner
{
    // The relaxed header block is a few hundred bytes; buffering it is simpler than an incremental hash.
    private readonly ArrayBufferWriter<byte> _data = new(1024);

    public string AlgorithmName => "SHA-256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        // The key comes with the constructor; MimeKit does not call Init on a context it is given.
        if (!forSigning)
        {
            throw new NotSupportedException("This signer only signs.");
        }
    }

    public void Update(byte input) => _data.Write([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => _data.Write(input.AsSpan(inOff, inLen));

    public void BlockUpdate(ReadOnlySpan<byte> input) => _data.Write(input);

    public int GetMaxSignatureSize() => (key.KeySize + 7) / 8;

    public byte[] GenerateSignature()
    {
        byte[] signature;
        lock (keyLock)
        {
            // Several SMTP workers sign in parallel; one RSA object is not documented as thread-safe.
            signature = key.SignData(_data.WrittenSpan, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        Reset();
        return signature;
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This signer only signs.");

    public void Reset() => _data.Clear();
}
