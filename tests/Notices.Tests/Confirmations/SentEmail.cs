namespace Notices.Tests.Confirmations;

/// <summary>An email letter of the sent sample campaign and the Message-ID it was sent with.</summary>
public sealed record SentEmail(string LetterId, string PatientId, string MessageId);
