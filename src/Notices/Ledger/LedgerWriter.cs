using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Model;
using Notices.Store;

namespace Notices.Ledger;

/// <summary>
/// Appends hash-chained rows to the <c>ledger</c> table. Thread-safe: callers only queue an entry (cheap);
/// one flusher writes queued entries in order, in one transaction per batch, at least every
/// <see cref="FlushInterval"/> or as soon as <see cref="BatchSize"/> entries wait. <see cref="Flush"/> writes
/// everything queued so far and returns when it is committed.
/// <para>
/// Seq, PrevHash and Hash are assigned inside the write transaction from the stored head (<c>ledger_head</c>), so two
/// processes appending to the same store (e.g. <c>ack</c> during a <c>send</c>) still make one contiguous chain.
/// </para>
/// <para>
/// With a <see cref="LedgerKey"/> (<c>NOTICES_LEDGER_KEY</c>) the rows and the head are HMAC-SHA256; how rows are
/// hashed and the head recorded is <see cref="LedgerChain"/>'s business.
/// </para>
/// <para>
/// For a file store the writer opens its own connection to the same file (WAL lets readers and the
/// <see cref="NoticesDbContext"/> carry on), with <c>synchronous=FULL</c> so a committed batch survives power loss.
/// For a private <c>:memory:</c> store it must share the context's connection; then do not use the context while
/// the writer may be flushing.
/// </para>
/// </summary>
public sealed class LedgerWriter : IDisposable
{
    public const int BatchSize = 200;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly SqliteConnection _connection;
    private readonly bool _ownsConnection;
    private readonly TimeProvider _time;
    private readonly LedgerKey? _key;
    private readonly object _queueGate = new();
    private readonly object _writeGate = new();
    private readonly List<PendingEntry> _pending = [];
    private readonly AutoResetEvent _wake = new(false);
    private readonly object _commitGate = new();
    private long _appended;
    private long _committed;
    private readonly Thread _flusher;
    private readonly LedgerWriterStatements _statements;
    private volatile bool _disposed;
    private volatile Exception? _backgroundFailure;

    /// <summary>A writer keyed by <c>NOTICES_LEDGER_KEY</c> when that is set (see <see cref="LedgerKey"/>).</summary>
    public LedgerWriter(NoticesDbContext db, TimeProvider? timeProvider = null)
        : this(db, timeProvider, LedgerKey.FromEnvironment())
    {
    }

    /// <param name="key">The ledger key, or null for a plain SHA-256 chain.</param>
    /// <exception cref="LedgerKeyException">The ledger is keyed and <paramref name="key"/> is missing or another key.</exception>
    public LedgerWriter(NoticesDbContext db, TimeProvider? timeProvider, LedgerKey? key)
    {
        ArgumentNullException.ThrowIfNull(db);
        _time = timeProvider ?? TimeProvider.System;
        _key = key;
        var shared = (SqliteConnection)db.Database.GetDbConnection();
        var builder = new SqliteConnectionStringBuilder(shared.ConnectionString);
        var privateMemory = builder.Mode == SqliteOpenMode.Memory && builder.Cache != SqliteCacheMode.Shared
            || string.Equals(builder.DataSource, ":memory:", StringComparison.Ordinal)
            || string.IsNullOrEmpty(builder.DataSource);
        if (privateMemory)
        {
            _connection = shared;
            if (_connection.State != ConnectionState.Open)
            {
                db.Database.OpenConnection();
            }
        }
        else
        {
            _connection = new SqliteConnection(shared.ConnectionString);
            _connection.Open();
            _ownsConnection = true;
            using var pragma = _connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
        }

        try
        {
            LedgerHeadTable.Ensure(_connection);
            // Fail before the caller acts, not in the background flush: a wrong or missing key, or a tampered head.
            LedgerChain.Open(_connection, null, _key);
            _statements = new LedgerWriterStatements(_connection);
        }
        catch when (_ownsConnection)
        {
            _connection.Dispose();
            throw;
        }

        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "ledger-writer" };
        _flusher.Start();
    }

    /// <summary>Queues one event. It is durable after the next flush (at most <see cref="FlushInterval"/> later).</summary>
    /// <exception cref="InvalidOperationException">The background flush failed; see the inner exception.</exception>
    public void Append(string campaignId, string? letterId, string? patientId, LedgerEvent ledgerEvent) =>
        Enqueue([new LetterEvent(campaignId, letterId, patientId, ledgerEvent)], urgent: false);

    public void Append(LetterEvent letterEvent) => Enqueue([letterEvent], urgent: false);

    /// <summary>
    /// Intent before effect: appends the events and returns only once they are committed (fsynced), so the caller may
    /// act on them. Concurrent callers share commits (group commit): there is no fsync per event. The events of one
    /// call are written in one transaction, all or none.
    /// </summary>
    public void AppendDurably(IReadOnlyList<LetterEvent> letterEvents)
    {
        ArgumentNullException.ThrowIfNull(letterEvents);
        var ticket = Enqueue(letterEvents, urgent: true);
        lock (_commitGate)
        {
            while (_committed < ticket)
            {
                if (_backgroundFailure is { } failure)
                {
                    throw new InvalidOperationException("The ledger could not be written: " + failure.Message, failure);
                }

                ObjectDisposedException.ThrowIf(_disposed && PendingCount == 0 && _committed < ticket, this);
                Monitor.Wait(_commitGate, TimeSpan.FromMilliseconds(100));
            }
        }
    }

    public void AppendDurably(LetterEvent letterEvent) => AppendDurably([letterEvent]);

    private long Enqueue(IReadOnlyList<LetterEvent> letterEvents, bool urgent)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_backgroundFailure is { } failure)
        {
            throw new InvalidOperationException("The ledger could not be written: " + failure.Message, failure);
        }

        var entries = new PendingEntry[letterEvents.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = letterEvents[i];
            ArgumentException.ThrowIfNullOrEmpty(e.CampaignId);
            entries[i] = new PendingEntry(e.CampaignId, e.LetterId, e.PatientId, LedgerEventCodec.Name(e.Event.Kind),
                LedgerEventCodec.Serialize(e.Event), default);
        }

        long ticket;
        int count;
        lock (_queueGate)
        {
            // The time is taken under the queue lock so At never goes backwards along Seq.
            var now = _time.GetUtcNow();
            foreach (var entry in entries)
            {
                _pending.Add(entry with { At = now });
            }

            _appended += entries.Length;
            ticket = _appended;
            count = _pending.Count;
        }

        if (urgent || count >= BatchSize)
        {
            _wake.Set();
        }

        return ticket;
    }

    /// <summary>Writes everything appended so far and returns once it is committed.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WritePending();
        _backgroundFailure = null;
    }

    /// <summary>Number of entries appended but not yet committed.</summary>
    public int PendingCount
    {
        get
        {
            lock (_queueGate)
            {
                return _pending.Count;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _wake.Set();
        _flusher.Join();
        try
        {
            WritePending();
        }
        finally
        {
            _wake.Dispose();
            _statements.Dispose();
            if (_ownsConnection)
            {
                _connection.Dispose();
            }
        }
    }

    private void FlushLoop()
    {
        while (!_disposed)
        {
            _wake.WaitOne(FlushInterval);
            try
            {
                WritePending();
                _backgroundFailure = null;
            }
            catch (Exception ex)
            {
                // Entries stay queued and are retried; Append, Flush and waiting intents surface the failure.
                _backgroundFailure = ex;
                lock (_commitGate)
                {
                    Monitor.PulseAll(_commitGate);
                }
            }
        }
    }

    private void WritePending()
    {
        // The write gate keeps batches in queue order; entries leave the queue only after their commit.
        lock (_writeGate)
        {
            PendingEntry[] batch;
            lock (_queueGate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }

                batch = [.. _pending];
            }

            WriteBatch(batch);
            lock (_queueGate)
            {
                _pending.RemoveRange(0, batch.Length);
            }

            lock (_commitGate)
            {
                _committed += batch.Length;
                Monitor.PulseAll(_commitGate);
            }
        }
    }

    private void WriteBatch(PendingEntry[] batch)
    {
        using var tx = _connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        var head = _statements.ReadHead(tx);
        var (seq, prevHash) = ChainStart(head, _statements.LastRow(tx));
        var chain = LedgerChain.Open(_connection, tx, _key, head);
        foreach (var entry in batch)
        {
            seq++;
            var hash = chain.Hash(prevHash, seq, entry.CampaignId, entry.LetterId, entry.PatientId, entry.Kind, entry.Detail, entry.At);
            _statements.Insert(tx, seq, entry.CampaignId, entry.LetterId, entry.PatientId, entry.Kind, entry.Detail, entry.At, prevHash, hash);
            prevHash = hash;
        }

        _statements.WriteHead(tx, chain.HeadRow(seq, prevHash));
        tx.Commit();
    }

    /// <summary>Where the next row chains on: the recorded head, or the last row of a ledger written before the head existed.</summary>
    private static (long Seq, string Hash) ChainStart(LedgerHeadRow? head, (long Seq, string Hash)? lastRow)
    {
        if (head is { } h)
        {
            if (lastRow is { } r && r.Seq > h.Seq)
            {
                throw new InvalidOperationException(
                    $"The ledger has rows after its recorded head (seq {r.Seq} > {h.Seq}); run 'notices verify'.");
            }

            // A tail cut off after the head was written stays visible to verify as a gap; keep chaining on the head.
            return (h.Seq, h.Hash);
        }

        return lastRow ?? (0, LedgerHasher.GenesisHash);
    }

    private sealed record PendingEntry(
        string CampaignId, string? LetterId, string? PatientId, string Kind, string Detail, DateTimeOffset At);
}
