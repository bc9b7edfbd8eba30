using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Notices.Campaigns;
using Notices.Ledger;
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
    public int AlreadyDone { get; private set; }

    public static LetterWorkList Build(NoticesDbContext db, CampaignPlan plan, IReadOnlyDictionary<string, LetterStatus> states, DateTimeOffset now)
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
                var stored = LetterSnapshot.FromJson(record.SnapshotJson);
                var wasOnlyUnreachable = stored.Channel == DeliveryChannelKind.Unreachable && state is null or LetterDeliveryState.Unreachable;
                if (wasOnlyUnreachable && planned.Channel != DeliveryChannelKind.Unreachable)
                {
                    record.SnapshotJson = LetterSnapshot.ToJson(planned);
                    record.Channel = planned.Channel.ToString();
                }
                else
                {
                    letter = stored;
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

            switch (state)
            {
                case LetterDeliveryState.Sent or LetterDeliveryState.Printed or LetterDeliveryState.Acknowledged or LetterDeliveryState.Failed:
                    list.AlreadyDone++;
                    break;
                case LetterDeliveryState.Unreachable when letter.Channel == DeliveryChannelKind.Unreachable:
                    list.AlreadyDone++;
                    break;
                default:
                    if (letter.Channel == DeliveryChannelKind.Unreachable)
                    {
                        list.NewlyUnreachable.Add(letter);
                    }
                    else
                    {
                        list.ToDeliver.Add(new LetterWorkItem(letter, status?.PdfSha256, 0));
                    }

                    break;
            }
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
        return list;
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
