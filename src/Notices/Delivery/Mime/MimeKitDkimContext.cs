using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Notices.Delivery.Mime;

/// <summary>
/// MimeKit's DKIM signer for one signature: MimeKit canonicalises the headers and hashes the body, this class gives it
/// the time (t=) and a .NET RSA signing context. Made per message because the time differs and MimeKit asks for the
/// timestamp through a virtual method, not a parameter; construction only stores references.
/// </summary>
internal sealed class MimeKitDkimContext(
    AsymmetricKeyParameter bouncyKey, RSA key, Lock keyLock, string domain, string selector, DateTimeOffset time)
    : MimeKit.Cryptography.DkimSigner(bouncyKey, domain, selector)
{
    protected override long GetTimestamp() => time.ToUnixTimeSeconds();

    protected override ISigner CreateSigningContext() => new DotNetRsaSigner(key, keyLock);
}
