namespace Notices.Records;

/// <summary>A validated patient row and the line it came from.</summary>
internal sealed record ParsedPatient(Patient Patient, int Line);
