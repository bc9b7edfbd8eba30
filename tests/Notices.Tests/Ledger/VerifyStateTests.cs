using Notices.Model;
using Notices.Ledger;
using Notices.Store;
using Xunit;

namespace Notices.Tests.Ledger;

/// <summary>verify replays every campaign through the letter state machine: an intact chain that records a letter in two sealed batches still fails.</summary>
public sealed class VerifyStateTests
{
    [Fact]
    public void A_letter_sealed_in_two_batches_fails_verify_even_with_an_intact_chain()
    {
        using var store = new LedgerTestStore();
        store.Db.Campaigns.Add(new CampaignRecord { CampaignId = "FA830", Reference = "FA830", NoticeDirectory = "x", CreatedAt = DateTimeOffset.UnixEpoch });
        store.Db.SaveChanges();
        using (var writer = new LedgerWriter(store.Db))
        {
            writer.Append("FA830", "FA830-DK-000001", "P1", new PrintBatched("batch-0001.pdf", 1, 1, 4, "a"));
            writer.Append("FA830", null, null, new BatchSealed("batch-0001.pdf", "s1", 1, 4, "m1"));
        }

        Assert.True(LedgerVerifier.Verify(store.Db).IsValid);

        using (var writer = new LedgerWriter(store.Db))
        {
            writer.Append("FA830", "FA830-DK-000001", "P1", new PrintBatched("batch-0002.pdf", 1, 1, 4, "a"));
            writer.Append("FA830", null, null, new BatchSealed("batch-0002.pdf", "s2", 1, 4, "m2"));
        }

        var result = LedgerVerifier.Verify(store.Db);
        Assert.False(result.IsValid);
        Assert.Equal(LedgerFault.StateAnomaly, result.Fault);
        Assert.Contains("FA830-DK-000001", result.Reason, StringComparison.Ordinal);
        Assert.Contains("second print batch", result.Reason, StringComparison.Ordinal);
    }
}
