namespace Notices.Runs;

/// <summary>What <see cref="LetterDelivery"/> did: letters rendered, letters that could not be made (with the reason, ids
/// only), letters re-routed to post after a permanent email failure, and why the SMTP server was given up on.</summary>
public sealed record DeliveryOutcome(
    int Rendered, IReadOnlyList<(string LetterId, string Reason)> NotMade, int PrintedAfterEmailFailure, string? SmtpServerProblem);
