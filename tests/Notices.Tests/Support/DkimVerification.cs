namespace Notices.Tests.Support;

/// <summary>
/// What dkimpy said about one message: <see cref="Verified"/>, the DNS names it asked for the key
/// (e.g. "sel._domainkey.example.com."), and its log (why a signature failed).
/// </summary>
public sealed record DkimVerification(bool Verified, IReadOnlyList<string> QueriedNames, string Log);
