using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Notices.Store;

namespace Notices.Runs;

/// <summary>
/// One run per campaign at a time. An OS file lock (flock through <see cref="FileShare.None"/>) on
/// <c>&lt;store&gt;.locks/&lt;campaign&gt;.lock</c>: the kernel drops it when the process dies, even by SIGKILL, so a
/// killed run never holds a campaign for ever. Beside it, <c>.owner</c> names the holder (pid, command, start time)
/// for the message the next run shows. Stores in memory need no lock (one process).
/// </summary>
public sealed class CampaignRunLock : IDisposable
{
    private readonly FileStream? _lock;
    private readonly string? _ownerPath;

    private CampaignRunLock(FileStream? lockFile, string? ownerPath)
    {
        _lock = lockFile;
        _ownerPath = ownerPath;
    }

    /// <exception cref="CampaignBusyException">Another process holds the lock.</exception>
    /// <param name="scope">A lock beside the run lock for work that must not overlap itself but may overlap a run
    /// (<c>"ack"</c>: two <c>ack</c> commands at once, never an <c>ack</c> during <c>send</c>); null for the run lock.</param>
    public static CampaignRunLock Acquire(NoticesDbContext db, string campaignId, string command, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = new SqliteConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString);
        var source = connection.DataSource;
        if (string.IsNullOrEmpty(source) || string.Equals(source, ":memory:", StringComparison.Ordinal)
            || connection.Mode == SqliteOpenMode.Memory)
        {
            return new CampaignRunLock(null, null);
        }

        var folder = Path.GetFullPath(source) + ".locks";
        Directory.CreateDirectory(folder);
        var name = SafeName(campaignId) + (scope is null ? "" : "~" + SafeName(scope));
        var lockPath = Path.Combine(folder, name + ".lock");
        var ownerPath = Path.Combine(folder, name + ".owner");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new CampaignBusyException(
                $"campaign '{campaignId}' is in use by another run ({DescribeOwner(ownerPath)}). It was not changed. "
                + "Wait for that run to finish and run the command again.");
        }

        var owner = string.Create(CultureInfo.InvariantCulture,
            $"notices {command} (pid {Environment.ProcessId}, started {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz})");
        File.WriteAllText(ownerPath, owner, Encoding.UTF8);
        return new CampaignRunLock(stream, ownerPath);
    }

    /// <summary>
    /// The locks of every campaign in the store, in id order (so two such commands cannot deadlock), for a command that
    /// may record for any of them (<c>dsn import</c>). All or none: a busy campaign releases the ones taken.
    /// </summary>
    /// <exception cref="CampaignBusyException">Another process holds one of them.</exception>
    public static IDisposable AcquireAll(NoticesDbContext db, string command, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var taken = new List<CampaignRunLock>();
        try
        {
            foreach (var campaignId in db.Campaigns.AsNoTracking().Select(c => c.CampaignId).AsEnumerable().Order(StringComparer.Ordinal))
            {
                taken.Add(Acquire(db, campaignId, command, scope));
            }
        }
        catch
        {
            taken.ForEach(l => l.Dispose());
            throw;
        }

        return new Several(taken);
    }

    public void Dispose()
    {
        if (_lock is null)
        {
            return;
        }

        try
        {
            File.Delete(_ownerPath!);
        }
        catch (IOException)
        {
            // The owner note is informational; the lock itself goes with the handle.
        }

        _lock.Dispose();
    }

    private static string DescribeOwner(string ownerPath)
    {
        try
        {
            var text = File.ReadAllText(ownerPath, Encoding.UTF8).Trim();
            return text.Length > 0 ? text : "pid unknown";
        }
        catch (IOException)
        {
            return "pid unknown";
        }
    }

    /// <summary>Campaign ids come from notice.yaml; keep the file name to safe characters.</summary>
    private static string SafeName(string campaignId)
    {
        var sb = new StringBuilder(campaignId.Length);
        foreach (var c in campaignId)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return sb.ToString();
    }

    private sealed class Several(List<CampaignRunLock> locks) : IDisposable
    {
        public void Dispose() => locks.ForEach(l => l.Dispose());
    }
}
