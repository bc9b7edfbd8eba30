using Notices.Campaigns;
using Notices.Letters.Templates;
using Notices.Ledger;
using Notices.Letters;
using Notices.Runs;
using Notices.Tests.Delivery.Mime;
using Notices.Tests.Ledger;
using Notices.Tests.Support;
using Xunit;

namespace Notices.Tests.Runs;

/// <summary>The run that makes the DKIM signer (it holds the RSA private key) is the one that disposes it.</summary>
public sealed class LetterDeliveryDkimTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LedgerTestStore _store = new();

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_run_disposes_the_DKIM_signer_it_made_once_its_channels_are_done()
    {
        var notice = NoticePackageLoader.Load(RepoPaths.SampleNotice);
        var paths = new CampaignPaths(_dir.Path, notice.Id);
        paths.Create();
        Notices.Delivery.Mime.DkimSigner? made = null;
        var delivery = new LetterDelivery(_store.Db, new PdfSharpLetterWriter(), dkimSigner: _ => made = DkimTestKeys.Signer());

        using (var ledger = new LedgerWriter(_store.Db))
        {
            await delivery.DeliverAsync(new DeliveryRequest
            {
                Notice = notice,
                Composer = new NoLetters(),
                Work = [],
                Paths = paths,
                Ledger = ledger,
            }, progress: null, CancellationToken.None);
        }

        Assert.NotNull(made);
        Assert.Throws<ObjectDisposedException>(() => made.PublicKeyBase64);
    }

    private sealed class NoLetters : IDeliveryComposer
    {
        public DateOnly DateOf(PlannedLetter letter) => throw new InvalidOperationException("this run has no letters");

        public ComposedLetter Compose(PlannedLetter letter) => throw new InvalidOperationException("this run has no letters");
    }
}
