using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Notices.Model;

namespace Notices.Delivery;

/// <summary>
/// The print folder's files. A batch is written in <c>.staging/</c> (its PDF and its manifest rows), sealed in the
/// ledger, and only then moved into view: <c>batch-NNNN.pdf</c> (<c>batch-NNNN-large.pdf</c> for large print), its
/// summary <c>batch-NNNN.summary.txt</c>, its rows under <c>.manifest/</c>, and <c>manifest.csv</c> rewritten whole
/// from the rows of every sealed batch. Batch numbers are shared by both kinds, so a number names one batch. So the post room never sees a batch
/// that is not sealed, and a run killed at any point leaves nothing half-visible.
/// </summary>
public sealed partial class PrintBatchFolder
{
    public PrintBatchFolder(string directory)
    {
        Directory = Path.GetFullPath(directory);
        Staging = Path.Combine(Directory, ".staging");
        Rows = Path.Combine(Directory, ".manifest");
        System.IO.Directory.CreateDirectory(Staging);
        System.IO.Directory.CreateDirectory(Rows);
    }

    public string Directory { get; }

    public string Staging { get; }

    public string Rows { get; }

    public const string LargePrintSuffix = "-large";

    public static string BatchName(int number, bool largePrint = false) =>
        string.Create(CultureInfo.InvariantCulture, $"batch-{number:D4}{(largePrint ? LargePrintSuffix : "")}.pdf");

    /// <summary>The number in a batch file name (batch-0003.pdf and batch-0003-large.pdf are both batch 3).</summary>
    public static bool TryParseNumber(string batch, out int number)
    {
        number = 0;
        var match = BatchNumberPattern().Match(batch ?? "");
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    public static bool IsLargePrint(string batch) =>
        Path.GetFileNameWithoutExtension(batch).EndsWith(LargePrintSuffix, StringComparison.Ordinal);

    public string StagedSummary(string batch) => Path.Combine(Staging, SummaryName(batch));

    public string PublishedSummary(string batch) => Path.Combine(Directory, SummaryName(batch));

    public static string SummaryName(string batch) => Path.GetFileNameWithoutExtension(batch) + PrintBatchSummary.Suffix;

    public string Published(string batch) => Path.Combine(Directory, batch);

    public string StagedPdf(string batch) => Path.Combine(Staging, batch);

    public string StagedRows(string batch) => Path.Combine(Staging, RowsName(batch));

    public string PublishedRows(string batch) => Path.Combine(Rows, RowsName(batch));

    /// <summary>One past the highest batch number anywhere: sealed, visible, staged or set aside.</summary>
    public int NextBatchNumber(IEnumerable<string> sealedBatches)
    {
        var names = sealedBatches
            .Concat(System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName))
            .Concat(System.IO.Directory.EnumerateFiles(Staging).Select(Path.GetFileName));
        var highest = 0;
        foreach (var name in names)
        {
            if (TryParseNumber(name ?? "", out var n))
            {
                highest = Math.Max(highest, n);
            }
        }

        return highest + 1;
    }

    /// <summary>
    /// Brings the folder in line with the ledger after a run that stopped: a sealed batch still staged is moved into
    /// view (its seal is durable, so it exists); anything staged and not sealed is deleted (nobody saw it); a visible
    /// batch file the ledger does not know as sealed is renamed to <c>*.unsealed</c> so no one prints it.
    /// Returns the set-aside files as (batch, new name).
    /// </summary>
    public IReadOnlyList<(string Batch, string MovedTo)> Recover(IReadOnlyDictionary<string, BatchSealed> sealedBatches)
    {
        foreach (var (batch, seal) in sealedBatches)
        {
            var sha = seal.Sha256;
            var staged = StagedPdf(batch);
            if (!File.Exists(Published(batch)) && File.Exists(staged) && string.Equals(Sha256(staged), sha, StringComparison.OrdinalIgnoreCase))
            {
                File.Move(staged, Published(batch));
            }

            if (File.Exists(StagedRows(batch)))
            {
                File.Move(StagedRows(batch), PublishedRows(batch), overwrite: true);
            }

            if (File.Exists(StagedSummary(batch)))
            {
                File.Move(StagedSummary(batch), PublishedSummary(batch), overwrite: true);
            }
        }

        foreach (var leftover in System.IO.Directory.EnumerateFiles(Staging))
        {
            File.Delete(leftover);
        }

        foreach (var leftover in System.IO.Directory.EnumerateFiles(Directory, "*.tmp"))
        {
            File.Delete(leftover);
        }

        var setAside = new List<(string, string)>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "batch-*.pdf").Order(StringComparer.Ordinal).ToList())
        {
            var batch = Path.GetFileName(file);
            if (sealedBatches.ContainsKey(batch))
            {
                continue;
            }

            var target = file + ".unsealed";
            for (var n = 2; File.Exists(target); n++)
            {
                target = string.Create(CultureInfo.InvariantCulture, $"{file}.unsealed-{n}");
            }

            File.Move(file, target);
            setAside.Add((batch, Path.GetFileName(target)));
        }

        // A summary is only ever moved into view after its batch's seal; one without a seal is not to be signed.
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "batch-*" + PrintBatchSummary.Suffix).ToList())
        {
            var name = Path.GetFileName(file);
            var batch = name[..^PrintBatchSummary.Suffix.Length] + ".pdf";
            if (!sealedBatches.ContainsKey(batch))
            {
                File.Move(file, file + ".unsealed", overwrite: true);
            }
        }

        foreach (var rows in System.IO.Directory.EnumerateFiles(Rows, "*.csv"))
        {
            if (!sealedBatches.ContainsKey(Path.GetFileNameWithoutExtension(rows) + ".pdf"))
            {
                File.Delete(rows);
            }
        }

        return setAside;
    }

    /// <summary>Every sealed batch's manifest rows are on disk exactly as sealed (SHA-256), or the folder was tampered with.</summary>
    /// <exception cref="InvalidDataException">A sealed batch's rows file is missing or changed.</exception>
    public void CheckSealedRows(IReadOnlyDictionary<string, BatchSealed> sealedBatches)
    {
        foreach (var (batch, seal) in sealedBatches.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var sha = seal.Manifest;
            var path = PublishedRows(batch);
            if (!File.Exists(path) || !string.Equals(Sha256(path), sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"{path} is missing or changed: it holds the manifest rows of sealed batch {batch} (SHA-256 in the ledger). "
                    + "manifest.csv is rebuilt from these files, so nothing was printed or batched; restore the file from a backup.");
            }
        }
    }

    /// <summary>Rewrites manifest.csv whole (temp file, fsync, rename) from the rows of the given sealed batches.</summary>
    public void RewriteManifest(IEnumerable<string> sealedBatches)
    {
        var rows = new List<PrintManifestRow>();
        foreach (var batch in sealedBatches.Order(StringComparer.Ordinal))
        {
            var path = PublishedRows(batch);
            if (File.Exists(path))
            {
                rows.AddRange(PrintManifest.ReadFile(path));
            }
        }

        PrintManifest.WriteFile(Path.Combine(Directory, PrintManifest.FileName), rows);
    }

    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string RowsName(string batch) => Path.GetFileNameWithoutExtension(batch) + ".csv";

    [GeneratedRegex(@"^batch-(\d+)(?:-large)?\.pdf", RegexOptions.CultureInvariant)]
    private static partial Regex BatchNumberPattern();
}
