using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Notices.Campaigns;
using Notices.Delivery;
using Notices.Letters;
using Notices.Letters.Templates;
using Notices.Records;
using Notices.Runs;
using Notices.Store;

namespace Notices.Cli.Commands;

/// <summary>
/// The print-batch benchmark: renders post letters once (all cores), then batches them (500 a batch) in a child
/// process that does nothing else, so its peak memory (VmHWM) is the batching's own, at two letter counts.
/// </summary>
public static class BatchBench
{
    public const int BatchSize = 500;

    public static List<(string Measure, string Value)> Run(string directory, string noticeDirectory, int count)
    {
        var letters = Path.Combine(directory, "batch-letters");
        Directory.CreateDirectory(letters);
        var list = Render(directory, noticeDirectory, letters, count);
        var rows = new List<(string, string)>();
        foreach (var n in new[] { Math.Min(1_000, count), count }.Distinct())
        {
            var child = Child(list, n, Path.Combine(directory, "batches-" + n.ToString(CultureInfo.InvariantCulture)));
            rows.Add(($"[bold]print batches, {n:N0} letters[/]", child));
        }

        return rows;
    }

    private static string Render(string directory, string noticeDirectory, string letters, int count)
    {
        var patients = Path.Combine(directory, "batch-patients.csv");
        var devices = Path.Combine(directory, "batch-devices.csv");
        SampleRecordsGenerator.Write(patients, devices, 2_000, seed: 7);
        using var db = StoreSchema.Open(Path.Combine(directory, "batch.db"));
        var import = new RecordsImporter().Import(db, patients, devices);
        if (!import.Succeeded)
        {
            throw new InvalidOperationException("the generated records did not import: " + import.Errors[0]);
        }

        var review = PlanReviewer.Review(db, noticeDirectory);
        var post = review.Plan.Letters.Where(l => !l.Recipient.LargePrint).ToList();
        var composer = new LetterComposer(review.Notice, review.Templates);
        var writer = new PdfSharpLetterWriter();
        var lines = new string[count];
        Parallel.For(0, count, i =>
        {
            // Cycles through the campaign's recipients: names (and so glyphs) differ from letter to letter.
            var path = Path.Combine(letters, i.ToString("D6", CultureInfo.InvariantCulture) + ".pdf");
            int pages;
            using (var file = File.Create(path))
            {
                pages = writer.Write(composer.Compose(post[i % post.Count], new DateOnly(2026, 11, 21)).Document, file);
            }

            lines[i] = path + "\t" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) + "\t"
                + pages.ToString(CultureInfo.InvariantCulture);
        });
        var list = Path.Combine(directory, "batch-letters.tsv");
        File.WriteAllLines(list, lines);
        return list;
    }

    private static string Child(string list, int count, string output)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BatchBench).Assembly.Location);
        }

        foreach (var arg in new[] { "bench", "--batch-child", list, "--batch-letters", count.ToString(CultureInfo.InvariantCulture), "--out", output })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var line = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? line : "child failed: " + line;
    }

    /// <summary>The child: batches the first <paramref name="count"/> letters of the list and prints one line of figures.</summary>
    public static int RunChild(string list, int count, string output)
    {
        Directory.CreateDirectory(output);
        var letters = File.ReadLines(list).Take(count).Select((line, i) =>
        {
            var parts = line.Split('\t');
            return new OutgoingLetter
            {
                LetterId = "L" + i.ToString("D6", CultureInfo.InvariantCulture),
                CampaignId = "BENCH",
                PatientId = "P" + i.ToString(CultureInfo.InvariantCulture),
                Channel = DeliveryChannelKind.Post,
                PdfPath = parts[0],
                PdfSha256 = parts[1],
                PageCount = int.Parse(parts[2], CultureInfo.InvariantCulture),
                RecipientName = "-",
            };
        }).ToList();
        var letterBytes = letters.Sum(l => new FileInfo(l.PdfPath).Length);
        var clock = Stopwatch.StartNew();
        long batchBytes = 0;
        var placed = 0;
        for (var b = 0; b * BatchSize < letters.Count; b++)
        {
            var path = Path.Combine(output, "batch-" + (b + 1).ToString("D3", CultureInfo.InvariantCulture) + ".pdf");
            var result = PrintBatchWriter.Write(path, letters.Skip(b * BatchSize).Take(BatchSize).ToList(), padToEven: true);
            placed += result.Placed.Count;
            batchBytes += new FileInfo(path).Length;
        }

        var elapsed = clock.Elapsed;
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{placed:N0} placed in {elapsed.TotalSeconds:0.00} s ({placed / elapsed.TotalSeconds:0} letters/s), peak memory (VmHWM) {hwm}, "
            + $"{batchBytes / Math.Max(1, placed) / 1024.0:0.0} KB per letter in batches of {BatchSize} (letter PDFs {letterBytes / Math.Max(1, letters.Count) / 1024.0:0.0} KB)"));
        return placed == letters.Count ? 0 : 3;
    }
}
