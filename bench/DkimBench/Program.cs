// DKIM signing cost per message: MimeKit's own DkimSigner (BouncyCastle managed RSA) against MimeDkimSigner (MimeKit
// canonicalisation, .NET/OpenSSL RSA). Run: dotnet run -c Release --project bench/DkimBench [messages] [runs]
// "dump" as first argument prints a signed message's header block instead. Each run builds fresh messages (not timed), then times Sign over all of them with a Stopwatch, the two routes
// alternating; the first run of each is a warm-up. Prints per-message cost of every run and the median.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Text;
using MimeDkimSigner = Notices.Delivery.Mime.MimeDkimSigner;
using Org.BouncyCastle.Security;

var dump = args.Length > 0 && args[0] == "dump";
args = dump ? args[1..] : args;
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
var headers = MimeDkimSigner.SignedHeaders.Select(h => h.ToLowerInvariant()).ToArray();

using var rsa = RSA.Create(2048);
var keyPath = Path.Combine(Path.GetTempPath(), "dkim-bench-" + Guid.NewGuid().ToString("N") + ".pem");
File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
using var fast = MimeDkimSigner.FromPemFile("medtronic-sample.example.com", "notices2026", keyPath);
File.Delete(keyPath);
var bouncyKey = DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true)).Private;

// ~88 KB of PDF-like bytes: ~120 KB of base64, a ~121 KB message.
var pdf = new byte[88 * 1024];
new Random(42).NextBytes(pdf);
"%PDF-1.7\n"u8.CopyTo(pdf);

var format = FormatOptions.Default.Clone();
format.NewLineFormat = NewLineFormat.Dos;
var time = new DateTimeOffset(2026, 12, 5, 18, 20, 7, TimeSpan.FromHours(1));

double MimeKitDefault()
{
    var messages = Build();
    var stopwatch = Stopwatch.StartNew();
    foreach (var message in messages)
    {
        // As MimeDkimSigner does: prepare, then sign the headers present.
        message.Prepare(EncodingConstraint.SevenBit);
        var signer = new DkimSigner(bouncyKey, "medtronic-sample.example.com", "notices2026")
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        signer.Sign(format, message, headers);
    }

    return stopwatch.Elapsed.TotalMilliseconds / count;
}

double DotNetRsa()
{
    var messages = Build();
    var stopwatch = Stopwatch.StartNew();
    foreach (var message in messages)
    {
        fast.Sign(message, time);
    }

    return stopwatch.Elapsed.TotalMilliseconds / count;
}

double RsaOnly()
{
    var data = new byte[600];
    var stopwatch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    return stopwatch.Elapsed.TotalMilliseconds / count;
}

// Where the time goes besides RSA: Prepare, writing (base64/QP encoding) and SHA-256 of a message's bytes.
double PrepareOnly()
{
    var messages = Build();
    var stopwatch = Stopwatch.StartNew();
    messages.ForEach(m => m.Prepare(EncodingConstraint.SevenBit));
    return stopwatch.Elapsed.TotalMilliseconds / count;
}

double WriteOnly()
{
    var messages = Build();
    messages.ForEach(m => m.Prepare(EncodingConstraint.SevenBit));
    var stopwatch = Stopwatch.StartNew();
    messages.ForEach(m => m.WriteTo(format, Stream.Null));
    return stopwatch.Elapsed.TotalMilliseconds / count;
}

double Sha256(bool bouncy)
{
    var data = new byte[126 * 1024];
    var hash = new byte[32];
    var stopwatch = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        if (bouncy)
        {
            var digest = new Org.BouncyCastle.Crypto.Digests.Sha256Digest();
            digest.BlockUpdate(data, 0, data.Length);
            digest.DoFinal(hash, 0);
        }
        else
        {
            SHA256.HashData(data, hash);
        }
    }

    return stopwatch.Elapsed.TotalMilliseconds / count;
}

// The alternative not taken: the body hash by the project's RelaxedBodyHash (.NET SHA-256) over MimeKit's writer.
double OwnBodyHash()
{
    var messages = Build();
    messages.ForEach(m => m.Prepare(EncodingConstraint.SevenBit));
    var stopwatch = Stopwatch.StartNew();
    messages.ForEach(m => BodyHash(m));
    return stopwatch.Elapsed.TotalMilliseconds / count;
}

string BodyHash(MimeMessage message)
{
    using var hash = new Notices.Delivery.Mime.RelaxedBodyHash();
    message.Body!.WriteTo(format, hash, contentOnly: true);
    return Convert.ToBase64String(hash.Finish());
}

List<MimeMessage> Build() => Enumerable.Range(0, count).Select(Letter).ToList();

MimeMessage Letter(int i)
{
    var message = new MimeMessage();
    message.From.Add(new MailboxAddress("Medtronic Danmark – Åbenrå", "fsn@medtronic-sample.example.com"));
    message.To.Add(new MailboxAddress("Søren Ærø Åkjær", "soeren" + i.ToString(CultureInfo.InvariantCulture) + "@example.com"));
    message.ReplyTo.Add(new MailboxAddress("", "svar+FA830-DK-000042.abcdefghijklmnop@replies.example.com"));
    message.Subject = "Vigtig sikkerhedsmeddelelse om din insulinpumpe – læs før brug (ref. FA830)";
    message.Date = time;
    message.MessageId = "FA830-DK-" + i.ToString("D6", CultureInfo.InvariantCulture) + ".0123456789abcdef@bounces.example.com";
    message.Headers.Add("Auto-Submitted", "auto-generated");
    var text = new TextPart(TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
    text.SetText(Encoding.UTF8, string.Concat(Enumerable.Repeat("Kære Søren Ærø, se det vedhæftede brev om din pumpe. Med venlig hilsen.\n", 20)));
    var html = new TextPart(TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
    html.SetText(Encoding.UTF8, string.Concat(Enumerable.Repeat("<p>Kære Søren Ærø, se det vedhæftede brev om din pumpe.</p>\n", 20)));
    var attachment = new MimePart("application", "pdf")
    {
        Content = new MimeContent(new MemoryStream(pdf, writable: false)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = "Vigtig-sikkerhedsmeddelelse-FA830-DK-000042.pdf",
    };
    var mixed = new Multipart("mixed") { new MultipartAlternative { text, html }, attachment };
    mixed.Headers.Add(HeaderId.ContentLanguage, "da");
    message.Body = mixed;
    return message;
}

using (var probe = new MemoryStream())
{
    var message = Letter(0);
    fast.Sign(message, time);
    message.WriteTo(format, probe);
    if (dump)
    {
        // "dump": the signed message's header block, to look at.
        var text = Encoding.ASCII.GetString(probe.ToArray());
        Console.WriteLine(text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)]);
        return;
    }

    var bh = System.Text.RegularExpressions.Regex.Match(message.Headers[0].Value, @"bh=([^;]+);").Groups[1].Value;
    Console.WriteLine("bh by MimeKit " + bh + ", by RelaxedBodyHash " + BodyHash(message));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"message: {probe.Length / 1024.0:F1} KB signed; {count} messages per run, {runs} runs after a warm-up; {Environment.ProcessorCount} CPUs"));
}

var results = new Dictionary<string, List<double>>
{
    ["mimekit-default"] = [], ["dotnet-rsa"] = [], ["rsa-sign-only"] = [],
    ["prepare-only"] = [], ["write-only"] = [], ["sha256-bouncycastle-126KB"] = [], ["sha256-dotnet-126KB"] = [], ["own-body-hash"] = [],
};
for (var run = 0; run <= runs; run++)
{
    var a = MimeKitDefault();
    var b = DotNetRsa();
    var c = RsaOnly();
    if (run == 0)
    {
        continue;
    }

    results["mimekit-default"].Add(a);
    results["dotnet-rsa"].Add(b);
    results["rsa-sign-only"].Add(c);
    results["prepare-only"].Add(PrepareOnly());
    results["write-only"].Add(WriteOnly());
    results["sha256-bouncycastle-126KB"].Add(Sha256(bouncy: true));
    results["sha256-dotnet-126KB"].Add(Sha256(bouncy: false));
    results["own-body-hash"].Add(OwnBodyHash());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: mimekit-default {a:F3} ms, dotnet-rsa {b:F3} ms, rsa-sign-only {c:F3} ms per message"));
}

foreach (var (name, values) in results)
{
    var sorted = values.Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {name}: {sorted[sorted.Count / 2]:F3} ms per message (min {sorted[0]:F3}, max {sorted[^1]:F3})"));
}
