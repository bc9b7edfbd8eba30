using System.Globalization;
using CsvHelper;
using Notices.Ledger;
using Notices.Model;

namespace Notices.Reports;

/// <summary>
/// Writes <c>out/&lt;campaign&gt;/report.csv</c>, one row per affected patient (original letters only; reminders are
/// listed in their original's row), with CsvHelper. UTF-8 with a BOM, <c>;</c>-separated, CRLF: what Danish Excel opens
/// correctly by double-click. CsvHelper's own <see cref="CsvInjection.Escape"/> guards every cell against formula
/// injection. Ids, states, times and hashes only: no names or addresses. Written to a temp name and moved into place.
/// </summary>
public static class EffectivenessCsvWriter
{
    public const string FileName = "report.csv";

        /// <summary>The columns of report.csv, in order.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "letter_id", "patient_id", "channels", "state", "reach", "email",
        "rendered_at", "email_handed_over_at", "email_delivered_at", "email_bounced_at", "email_failed_at",
        "sealed_at", "submitted_at", "printed_at", "posted_at", "posted_on", "returned_at", "returned_on", "return_reason",
        "email_attempts", "email_deferrals", "reminders_sent", "reminders",
        "acknowledged", "ack_date", "ack_method", "ack_note", "pdf_sha256", "package_sha256", "detail",
    ];

    /// <summary>The options report.csv is written with: <c>;</c>, CRLF, a BOM, and CsvHelper's formula guard.</summary>
    public static CsvWriterOptions Options() => new()
    {
        Separator = ';',
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Writes <c>{campaignDir}/report.csv</c>; returns its path.</summary>
    public static string Write(EffectivenessFigures figures, string campaignDir)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Directory.CreateDirectory(campaignDir);
        var path = Path.Combine(campaignDir, FileName);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var csv = CsvWriter.Create(stream, Options(), leaveOpen: true))
            {
                csv.WriteHeader([.. Header]);
                foreach (var letter in figures.Letters)
                {
                    csv.WriteRecord(Fields(letter));
                }
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>One letter's cells, in the order of <see cref="Header"/>.</summary>
    public static string[] Fields(LetterStatus letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var t = letter.Timeline;
        var ack = letter.Acknowledgement;
        return
        [
            letter.LetterId,
            letter.PatientId ?? "",
            Channels(letter),
            letter.State.ToString(),
            ReachName(EffectivenessFigures.Classify(letter)),
            letter.Email == EmailStage.None ? "" : letter.Email.ToString().ToLowerInvariant(),
            Utc(t.Rendered),
            Utc(t.EmailHandedOver),
            Utc(t.EmailDelivered),
            Utc(t.EmailBounced),
            Utc(t.EmailFailed),
            Utc(t.Sealed),
            Utc(t.SubmittedToPrinter),
            Utc(t.Printed),
            Utc(t.Posted),
            Day(t.PostedOn),
            Utc(t.Returned),
            Day(t.ReturnedOn),
            t.ReturnReason ?? "",
            N(t.EmailAttempts),
            N(t.EmailDeferrals),
            N(letter.Reminders.Count(r => r.Reach is LetterDeliveryState.Sent or LetterDeliveryState.Printed)),
            string.Join('|', letter.Reminders.Select(r => r.LetterId + ":" + r.State)),
            ack is null ? "no" : "yes",
            ack?.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            ack?.Method.ToString().ToLowerInvariant() ?? "",
            ack?.Note ?? "",
            letter.PdfSha256 ?? "",
            letter.PackageSha256 ?? "",
            letter.Detail,
        ];
    }

    /// <summary>email, post, email+post (after a fallback), or none (unreachable, or not handed over yet).</summary>
    public static string Channels(LetterStatus letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var t = letter.Timeline;
        return (t.UsedEmail, t.UsedPost) switch
        {
            (true, true) => "email+post",
            (true, false) => "email",
            (false, true) => "post",
            _ => "none",
        };
    }

    /// <summary>ISO 8601 in UTC to the second, e.g. <c>2026-11-21T13:03:12Z</c>; empty when the step did not happen.</summary>
    public static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string ReachName(ReachCategory category) => category switch
    {
        ReachCategory.EmailConfirmed => "email_confirmed",
        ReachCategory.EmailAcceptedOnly => "email_accepted",
        ReachCategory.Post => "post",
        ReachCategory.Unreachable => "unreachable",
        ReachCategory.Failed => "failed",
        ReachCategory.Uncertain => "uncertain",
        _ => "pending",
    };
}
