using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Notices.Campaigns;
using Notices.Ledger;
using Notices.Model;
using Notices.PostRoom;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// Splits a plan into what this run must do. A letter that was made keeps the snapshot of the data it was made from;
/// a letter that was only ever unreachable takes the patient's current data, so a fixed address gets delivered.
/// </summary>
public sealed class LetterWorkList
{
    public List<LetterWorkItem> ToDeliver { get; } = [];
    public List<PlannedLetter> NewlyUnreachable { get; } = [];
    /// <summary>Letters whose stored snapshot cannot be read: each fails on its own.</summary>
    public List<PlannedLetter> Broken { get; } = [];
    /// <summary>SMTP letters whose hand-over an earlier run began and never saw end: held back unless the user asked to resend.</summary>
    public List<string> UncertainHeld { get; } = [];
    public int AlreadyDone { get; private set; }

    /// <summary>Returned letters this run sends by email instead (<see cref="ReturnReroute"/>).</summary>
    public List<string> ReroutedAfterReturn { get; } = [];

    public static LetterWorkList Build(
        NoticesDbContext db, CampaignPlan plan, IReadOnlyDictionary<string, LetterStatus> states, DateTimeOffset now, bool resendUncertain = false)
    {
        var campaignId = plan.Notice.Id;
        EnsureCampaign(db, plan.Notice, now);
        var records = db.Letters.Where(l => l.CampaignId == campaignId).ToDictionary(l => l.LetterId, StringComparer.Ordinal);
        var list = new LetterWorkList();

        foreach (var planned in plan.Letters)
        {
            states.TryGetValue(planned.LetterId, out var status);
            var state = status?.State;
            var letter = planned;
            if (records.TryGetValue(planned.LetterId, out var record))
            {
                if (LetterSnapshot.TryFromJson(record.SnapshotJson) is not { } stored)
                {
                    // A damaged snapshot fails its own letter; the letter must not silently take other data.
                    if (state is LetterDeliveryState.Sent or LetterDeliveryState.Printed or LetterDeliveryState.Acknowledged)
                    {
                        list.AlreadyDone++;
                    }
                    else
                    {
                        list.Broken.Add(planned);
                    }

                    continue;
                }

                var wasOnlyUnreachable = stored.Channel == DeliveryChannelKind.Unreachable && state is null or LetterDeliveryState.Unreachable;
                // A letter that could never be made (say a glyph the font lacks) takes the patient's data as it is now.
                var neverMade = status?.Stage == LetterState.Failed && status.LastKind == LedgerEventKind.LetterFailed && status.PdfSha256 is null;
                if ((wasOnlyUnreachable && planned.Channel != DeliveryChannelKind.Unreachable) || neverMade)
                {
                    record.SnapshotJson = LetterSnapshot.ToJson(planned);
                    record.Channel = planned.Channel.ToString();
                }
                else
                {
                    letter = stored;
                }

                var usableEmail = ReturnReroute.UsableEmail(stored, planned.Channel == DeliveryChannelKind.Email ? planned.Recipient.Email : null);
                if (status is not null && ReturnReroute.EmailFor(status, stored, usableEmail) is { } email)
                {
                    // The letter came back: the same PDF goes by email. The snapshot keeps the address it went to.
                    letter = stored with { Channel = DeliveryChannelKind.Email, Recipient = stored.Recipient with { Email = email } };
                    record.SnapshotJson = LetterSnapshot.ToJson(letter);
                    record.Channel = DeliveryChannelKind.Email.ToString();
                    list.ToDeliver.Add(new LetterWorkItem(letter, status.PdfSha256, status.Pages) { MessageId = status.MessageId, AddressReturnedMail = true });
                    list.ReroutedAfterReturn.Add(letter.LetterId);
                    continue;
                }
            }
            else
            {
                db.Letters.Add(new LetterRecord
                {
                    LetterId = planned.LetterId,
                    CampaignId = campaignId,
                    PatientId = planned.Recipient.PatientId,
                    Sequence = LetterIds.SequenceOf(planned.LetterId),
                    Channel = planned.Channel.ToString(),
                    SnapshotJson = LetterSnapshot.ToJson(planned),
                    CreatedAt = now,
                });
            }

            list.Add(letter, status, resendUncertain);
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
        return list;
    }

    /// <summary>
    /// Puts one letter where its projected state says: deliver it (new, failed to be made, awaiting post), resume its
    /// email intent (pickup), re-send it (uncertain, when asked), hold it (uncertain), or count it done.
    /// </summary>
    public void Add(PlannedLetter letter, LetterStatus? status, bool resendUncertain)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var state = status?.State;
        var item = new LetterWorkItem(letter, status?.PdfSha256, status?.Pages ?? 0)
        {
            MessageId = status?.MessageId,
            AddressReturnedMail = status?.Timeline.Returned is not null,
        };
        switch (state)
        {
            case LetterDeliveryState.Failed when status!.LastKind == LedgerEventKind.LetterFailed:
                // Could not be made or handed over: try again; a fixed record or PDF may let it through now.
                if (letter.Channel == DeliveryChannelKind.Unreachable)
                {
                    NewlyUnreachable.Add(letter);
                }
                else
                {
                    ToDeliver.Add(item);
                }

                break;
            case LetterDeliveryState.Failed when status!.AwaitsPost:
                // The print fallback was decided, then the run stopped before the batch was sealed.
                ToDeliver.Add(item with { Letter = letter with { Channel = DeliveryChannelKind.Post } });
                break;
            case LetterDeliveryState.Sent or LetterDeliveryState.Printed or LetterDeliveryState.Acknowledged or LetterDeliveryState.Failed:
                AlreadyDone++;
                break;
            case LetterDeliveryState.Unreachable when letter.Channel == DeliveryChannelKind.Unreachable:
                AlreadyDone++;
                break;
            case LetterDeliveryState.Uncertain when status!.IntentTransport == EmailTransport.Pickup:
                ToDeliver.Add(item with { ResumeIntent = true });
                break;
            case LetterDeliveryState.Uncertain when resendUncertain:
                ToDeliver.Add(item with { Resend = true });
                break;
            case LetterDeliveryState.Uncertain:
                UncertainHeld.Add(letter.LetterId);
                break;
            default:
                if (letter.Channel == DeliveryChannelKind.Unreachable)
                {
                    NewlyUnreachable.Add(letter);
                }
                else
                {
                    ToDeliver.Add(item);
                }

                break;
        }
    }

    /// <summary>Records each letter's final PDF hash and path on its letter row, in one transaction.</summary>
    public static void StorePdfHashes(NoticesDbContext db, IReadOnlyCollection<(string LetterId, string Sha)> rendered)
    {
        if (rendered.Count == 0)
        {
            return;
        }

        using var tx = db.Database.BeginTransaction();
        var connection = db.Database.GetDbConnection();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = "UPDATE letters SET PdfSha256 = $sha, PdfPath = $path WHERE LetterId = $id";
        var sha = cmd.CreateParameter();
        sha.ParameterName = "$sha";
        var path = cmd.CreateParameter();
        path.ParameterName = "$path";
        var id = cmd.CreateParameter();
        id.ParameterName = "$id";
        cmd.Parameters.Add(sha);
        cmd.Parameters.Add(path);
        cmd.Parameters.Add(id);
        foreach (var (letterId, hash) in rendered)
        {
            sha.Value = hash;
            path.Value = "letters/" + letterId + ".pdf";
            id.Value = letterId;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    private static void EnsureCampaign(NoticesDbContext db, NoticePackage notice, DateTimeOffset now)
    {
        if (!db.Campaigns.Any(c => c.CampaignId == notice.Id))
        {
            db.Campaigns.Add(new CampaignRecord { CampaignId = notice.Id, Reference = notice.Reference, NoticeDirectory = notice.Directory, CreatedAt = now });
        }
    }
}
