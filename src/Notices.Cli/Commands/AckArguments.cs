namespace Notices.Cli.Commands;

/// <summary>What <c>notices ack</c> was given: letter ids (with date, method, note) or a file.</summary>
public sealed record AckArguments(
    string CampaignId, IReadOnlyList<string> LetterIds, string? Date, string? Method, string? Note, string? File, string DbPath);
