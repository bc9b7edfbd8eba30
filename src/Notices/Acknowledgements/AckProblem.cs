namespace Notices.Acknowledgements;

/// <summary>Why one acknowledgement was not recorded; <see cref="Reason"/> is one English sentence without patient data.</summary>
public sealed record AckProblem(AckRequest Request, AckProblemKind Kind, string Reason);
