using System.Globalization;
using System.Text;
using Notices.Letters.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Notices.Campaigns;

/// <summary>
/// Loads templates/&lt;notice&gt;/ (notice.yaml, letter.md, email.md) and validates it. Every problem is collected and
/// reported together as <c>file:line: reason</c>, so one run shows everything that needs fixing.
/// </summary>
public static class NoticePackageLoader
{
    public const string NoticeFileName = "notice.yaml";

    public static NoticePackage Load(string directory)
    {
        var dir = Path.GetFullPath(directory);
        var yamlPath = Path.Combine(dir, NoticeFileName);
        if (!File.Exists(yamlPath))
        {
            throw new NoticePackageException([$"{yamlPath}:1: not found; a notice package needs notice.yaml, letter.md and email.md."]);
        }

        var problems = new List<string>();
        var reader = new YamlNodeReader(yamlPath, problems);
        var root = ParseRoot(yamlPath, problems);
        var letterTemplate = ReadTemplate(dir, "letter.md", problems);
        var emailTemplate = ReadTemplate(dir, "email.md", problems);
        // Optional: without it a reminder is the letter headed "Påmindelse".
        var reminderTemplate = File.Exists(Path.Combine(dir, NoticePackage.ReminderFileName)) ? ReadTemplate(dir, NoticePackage.ReminderFileName, problems) : null;
        foreach (var (file, template) in new[] { ("letter.md", letterTemplate), ("email.md", emailTemplate), (NoticePackage.ReminderFileName, reminderTemplate) })
        {
            foreach (var legacy in LegacyTemplateSyntax.Find(template))
            {
                problems.Add(NoticeTemplateException.Location(Path.Combine(dir, file), legacy.Line, legacy.Column) + ": " + legacy.Reason);
            }
        }
        if (root is null)
        {
            throw new NoticePackageException(problems);
        }

        var id = reader.RequiredString(root, "id", "id");
        if (id.Length > 0 && !IsSafeId(id))
        {
            reader.Problem(reader.Child(root, "id"), $"'id' may only hold letters, digits, '-' and '_' (it names a folder), not '{id}'.");
        }

        var reference = reader.RequiredString(root, "reference", "reference");
        if (reference.Length > 0 && !IsSafeId(reference))
        {
            reader.Problem(reader.Child(root, "reference"), $"'reference' may only hold letters, digits, '-' and '_' (it is part of letter ids), not '{reference}'.");
        }

        var subject = reader.RequiredString(root, "subject", "subject");
        var title = reader.OptionalString(root, "title", "title") ?? "Vigtig sikkerhedsmeddelelse";
        var date = ReadDate(reader, root);
        var sender = ReadSender(reader, root);
        var affected = AffectedRulesReader.Read(reader, root, dir);
        var exclusions = ExclusionsReader.Read(reader, root, dir);

        var email = reader.OptionalMap(root, "email", "email");
        var emailSubject = email is null ? reader.OptionalString(root, "email_subject", "email_subject") : reader.OptionalString(email, "subject", "email.subject");
        if (emailSubject is null)
        {
            reader.Problem(email ?? root, "missing required key 'email.subject'.");
        }
        else if (LegacyTemplateSyntax.Find(emailSubject) is [var legacy, ..])
        {
            reader.Problem(email is null ? reader.Child(root, "email_subject") : reader.Child(email, "subject"), legacy.Reason);
        }

        var reply = reader.OptionalMap(root, "reply", "reply");
        var replyDomain = email is null ? null : reader.OptionalString(email, "reply_domain", "email.reply_domain");
        if (replyDomain is not null && !IsDomain(replyDomain))
        {
            reader.Problem(reader.Child(email!, "reply_domain"),
                $"'email.reply_domain' must be a domain name such as replies.example.com (letters, digits, '-' and dots), not '{replyDomain}'.");
        }
        var bounceDomain = email is null ? null : reader.OptionalString(email, "bounce_domain", "email.bounce_domain");
        if (bounceDomain is not null && !IsDomain(bounceDomain))
        {
            reader.Problem(reader.Child(email!, "bounce_domain"),
                $"'email.bounce_domain' must be a domain name such as bounces.example.com (letters, digits, '-' and dots), not '{bounceDomain}'.");
        }

        var emailFrom = email is null ? null : ReadAddress(reader, email, "from", "email.from");
        var emailReplyTo = email is null ? null : ReadAddress(reader, email, "reply_to", "email.reply_to");
        if (emailFrom is null && reader.OptionalMap(root, "sender", "sender") is { } senderMap)
        {
            // Without email.from, the sender's email is the From address.
            ReadAddress(reader, senderMap, "email", "sender.email");
        }

        var dkim = ReadDkim(reader, root);
        var window = ReadWindow(reader, root);
        var envelope = ReadEnvelope(reader, root);
        var returnAddress = ReadReturnAddress(reader, root);
        var logo = LogoReader.Read(reader, root, dir);

        if (problems.Count > 0)
        {
            throw new NoticePackageException(problems);
        }

        return new NoticePackage
        {
            Directory = dir,
            Id = id,
            Reference = reference,
            Subject = subject,
            Title = title,
            Date = date,
            Sender = sender!,
            Affected = affected,
            Exclusions = exclusions,
            EmailSubject = emailSubject!,
            EmailFrom = emailFrom,
            EmailReplyTo = emailReplyTo,
            BounceDomain = bounceDomain,
            ReplyDomain = replyDomain,
            Dkim = dkim,
            ReplyAddress = reply is null ? [] : reader.StringList(reply, "address", "reply.address"),
            Window = window,
            Envelope = envelope,
            ReturnAddress = returnAddress,
            Logo = logo,
            LetterTemplate = letterTemplate ?? "",
            EmailTemplate = emailTemplate ?? "",
            ReminderTemplate = reminderTemplate,
        };
    }

    private static YamlMappingNode? ParseRoot(string yamlPath, List<string> problems)
    {
        string text;
        try
        {
            text = File.ReadAllText(yamlPath, new UTF8Encoding(false, true));
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"{yamlPath}:1: the file is not valid UTF-8; save it as UTF-8.");
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add($"{yamlPath}:1: the file must be a mapping of keys (id, reference, subject, sender, affected, email).");
                return null;
            }

            return root;
        }
        catch (AnchorNotFoundException ex)
        {
            var name = ex.Message.Split('\'') is { Length: >= 3 } parts ? parts[1] : "";
            var line = YamlSyntaxLocator.AliasLine(text, name) ?? ex.Start.Line;
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{yamlPath}:{line}: YAML syntax error: the alias '*{name}' names no anchor '&{name}' above it."));
            return null;
        }
        catch (YamlException ex)
        {
            // An unclosed bracket or quote is reported where the file ends; the line to fix is where it was opened.
            var message = ex.InnerException?.Message ?? ex.Message;
            var unclosed = message.Contains("did not find expected", StringComparison.Ordinal) || message.Contains("unexpected end of stream", StringComparison.Ordinal)
                ? YamlSyntaxLocator.UnclosedLine(text) : null;
            var line = unclosed ?? ex.Start.Line;
            var hint = unclosed is null ? "" : " (an unclosed '[', '{' or quote starts on this line)";
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{yamlPath}:{line}: YAML syntax error: {message}{hint}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (without a position) on some unclosed [ or { constructs.
            var line = YamlSyntaxLocator.UnclosedLine(text) ?? 1;
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{yamlPath}:{line}: YAML syntax error: an unclosed '[', '{{' or quote; check the brackets and quotes."));
            return null;
        }
    }

    /// <summary>The largest template file read: far above a letter's text, far below what would strain a merge.</summary>
    public const int MaxTemplateBytes = 1_000_000;

    private static string? ReadTemplate(string dir, string name, List<string> problems)
    {
        var path = Path.Combine(dir, name);
        if (!File.Exists(path))
        {
            problems.Add($"{path}:1: not found; the notice package needs {name}.");
            return null;
        }

        // Only a regular file of sensible size is read: a FIFO would wait for a writer for ever and /dev/zero never ends
        // (both report length 0), and approve refuses a symbolic link, so plan and preview do too.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            problems.Add($"{path}:1: a symbolic link; put the template itself in the package (approve hashes files, not links).");
            return null;
        }
        if (info.Length == 0)
        {
            problems.Add($"{path}:1: empty, or not a regular file (a FIFO or a device is not read); the notice package needs the text of {name}.");
            return null;
        }
        if (info.Length > MaxTemplateBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:1: {info.Length:N0} bytes; a template may be at most {MaxTemplateBytes:N0} bytes (a long letter is about 10,000)."));
            return null;
        }

        try
        {
            return File.ReadAllText(path, new UTF8Encoding(false, true)).ReplaceLineEndings("\n");
        }
        catch (DecoderFallbackException)
        {
            problems.Add($"{path}:1: the file is not valid UTF-8; save it as UTF-8.");
            return null;
        }
    }

    private static DateOnly? ReadDate(YamlNodeReader reader, YamlMappingNode root)
    {
        var text = reader.OptionalString(root, "date", "date");
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        reader.Problem(reader.Child(root, "date"), $"'date' must be written yyyy-mm-dd, not '{text}'.");
        return null;
    }

    private static SenderInfo? ReadSender(YamlNodeReader reader, YamlMappingNode root)
    {
        var sender = reader.OptionalMap(root, "sender", "sender");
        if (sender is null)
        {
            reader.Problem(root, "missing required key 'sender'.");
            return null;
        }

        var signatory = reader.OptionalMap(sender, "signatory", "sender.signatory");
        if (signatory is null)
        {
            reader.Problem(sender, "missing required key 'sender.signatory' (name and title of the person who signs).");
        }

        return new SenderInfo
        {
            Organisation = reader.RequiredString(sender, "organisation", "sender.organisation"),
            Department = reader.OptionalString(sender, "department", "sender.department"),
            AddressLines = reader.StringList(sender, "address", "sender.address"),
            Phone = reader.OptionalString(sender, "phone", "sender.phone"),
            Email = reader.OptionalString(sender, "email", "sender.email"),
            Website = reader.OptionalString(sender, "website", "sender.website"),
            SignatoryName = signatory is null ? "" : reader.RequiredString(signatory, "name", "sender.signatory.name"),
            SignatoryTitle = signatory is null ? null : reader.OptionalString(signatory, "title", "sender.signatory.title"),
        };
    }

    private static WindowRect ReadWindow(YamlNodeReader reader, YamlMappingNode root)
    {
        var window = reader.OptionalMap(root, "window", "window");
        if (window is null)
        {
            return WindowRect.C5Left;
        }

        var d = WindowRect.C5Left;
        var rect = new WindowRect(
            reader.OptionalNumber(window, "left_mm", "window.left_mm") ?? d.LeftMm,
            reader.OptionalNumber(window, "top_mm", "window.top_mm") ?? d.TopMm,
            reader.OptionalNumber(window, "width_mm", "window.width_mm") ?? d.WidthMm,
            reader.OptionalNumber(window, "height_mm", "window.height_mm") ?? d.HeightMm);
        if (rect.LeftMm < 10 || rect.TopMm < 10 || rect.LeftMm + rect.WidthMm > 200 || rect.TopMm + rect.HeightMm > 287 || rect.HeightMm < 20 || rect.WidthMm < 50)
        {
            reader.Problem(window, "'window' must lie inside the A4 printable area (10 mm margins) and be at least 50 x 20 mm.");
        }

        return rect;
    }

    private static Envelope ReadEnvelope(YamlNodeReader reader, YamlMappingNode root)
    {
        var node = reader.OptionalMap(root, "envelope", "envelope");
        if (node is null)
        {
            return Envelope.Default;
        }

        var name = reader.OptionalString(node, "name", "envelope.name") ?? Envelope.Default.Name;
        var capacityText = reader.OptionalString(node, "capacity_sheets", "envelope.capacity_sheets");
        int capacity;
        if (capacityText is not null)
        {
            if (!int.TryParse(capacityText, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity is < 1 or > 500)
            {
                reader.Problem(reader.Child(node, "capacity_sheets"),
                    $"'envelope.capacity_sheets' must be a whole number of sheets from 1 to 500, not '{capacityText}'.");
            }
        }
        else if (!Envelope.KnownCapacities.TryGetValue(name, out capacity))
        {
            reader.Problem(reader.Child(node, "name"),
                $"envelope '{name}' has no known capacity; give 'envelope.capacity_sheets' or use one of "
                + string.Join(", ", Envelope.KnownCapacities.Keys) + ".");
        }

        if (name.Length > 20 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ' '))
        {
            reader.Problem(reader.Child(node, "name"), $"'envelope.name' must be a short name such as C5 (letters, digits, '-', '_'), not '{name}'.");
        }

        var known = Envelope.KnownCapacities.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return new Envelope(known ?? name, Math.Max(capacity, 1));
    }

    private static ReturnAddress ReadReturnAddress(YamlNodeReader reader, YamlMappingNode root)
    {
        var node = reader.Child(root, "return_address");
        if (node is null)
        {
            return ReturnAddress.Default;
        }

        // "return_address: false" is the short way to turn it off.
        if (node is YamlScalarNode scalar)
        {
            if (IsFlag(scalar.Value, out var on))
            {
                return on ? ReturnAddress.Default : ReturnAddress.Off;
            }

            reader.Problem(node, "'return_address' must be true, false or a mapping (enabled, text, address).");
            return ReturnAddress.Default;
        }

        var map = reader.OptionalMap(root, "return_address", "return_address");
        if (map is null)
        {
            return ReturnAddress.Default;
        }

        var enabledText = reader.OptionalString(map, "enabled", "return_address.enabled");
        var enabled = true;
        if (enabledText is not null && !IsFlag(enabledText, out enabled))
        {
            reader.Problem(reader.Child(map, "enabled"), $"'return_address.enabled' must be true or false, not '{enabledText}'.");
            enabled = true;
        }

        var text = reader.OptionalString(map, "text", "return_address.text") ?? ReturnAddress.DefaultText;
        if (text.Any(char.IsControl))
        {
            reader.Problem(reader.Child(map, "text"), "'return_address.text' must be one line of text.");
        }

        return new ReturnAddress(enabled, text, reader.StringList(map, "address", "return_address.address"));
    }

    /// <summary>
    /// An optional address, checked as the sending code reads it (<see cref="Delivery.Mime.MailboxAddress.TryParseMailbox"/>,
    /// bare or with a display name), so that a malformed one stops <c>plan</c> with its line instead of <c>send</c>.
    /// </summary>
    private static string? ReadAddress(YamlNodeReader reader, YamlMappingNode map, string key, string name)
    {
        var value = reader.OptionalString(map, key, name);
        if (value is not null && !Delivery.Mime.MailboxAddress.TryParseMailbox(value, out _))
        {
            reader.Problem(reader.Child(map, key),
                $"'{name}' is not an email address: '{value}'; write it as name@example.com or \"Name\" <name@example.com>.");
        }

        return value;
    }

    private static bool IsFlag(string? value, out bool on)
    {
        on = value?.Trim().ToLowerInvariant() is "true" or "yes" or "on" or "ja";
        return on || value?.Trim().ToLowerInvariant() is "false" or "no" or "off" or "nej";
    }

    /// <summary><c>dkim: { domain, selector }</c>: a domain like reply_domain, a selector of DNS labels.</summary>
    private static DkimSettings? ReadDkim(YamlNodeReader reader, YamlMappingNode root)
    {
        if (reader.OptionalMap(root, "dkim", "dkim") is not { } map)
        {
            return null;
        }

        var domain = reader.RequiredString(map, "domain", "dkim.domain");
        var selector = reader.RequiredString(map, "selector", "dkim.selector");
        var ok = true;
        if (domain.Length > 0 && !IsDomain(domain))
        {
            reader.Problem(reader.Child(map, "domain"),
                $"'dkim.domain' must be a domain name such as medtronic-sample.example.com (letters, digits, '-' and dots), not '{domain}'.");
            ok = false;
        }

        if (selector.Length > 0 && !IsSelector(selector))
        {
            reader.Problem(reader.Child(map, "selector"),
                $"'dkim.selector' must be a DNS label such as notices2026 (letters, digits and '-', at most 63, dots between labels), not '{selector}'.");
            ok = false;
        }

        return ok && domain.Length > 0 && selector.Length > 0 ? new DkimSettings(domain.ToLowerInvariant(), selector) : null;
    }

    private static bool IsSelector(string value) =>
        value.Length <= 253 && value.Split('.').All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static bool IsSafeId(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A host name with at least two labels of letters, digits and '-' (no leading or trailing '-'): what may
    /// follow the '@' of an address made from it.</summary>
    private static bool IsDomain(string value)
    {
        var labels = value.Split('.');
        return value.Length <= 253 && labels.Length >= 2 && labels.All(label =>
            label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
