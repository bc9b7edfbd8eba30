using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Notices.Model;

/// <summary>
/// The one place that turns ledger events into a row's kind and detail JSON and back. Detail is compact JSON with
/// snake_case names and nulls left out. A row whose kind or detail cannot be read comes back as
/// <see cref="UnknownEvent"/> (the verifier reports the edit; projection ignores it).
/// </summary>
public static class LedgerEventCodec
{
    private static readonly FrozenDictionary<LedgerEventKind, Type> TypeOfKind = new Dictionary<LedgerEventKind, Type>
    {
        [LedgerEventKind.LetterRendered] = typeof(LetterRendered),
        [LedgerEventKind.EmailWritten] = typeof(EmailWritten),
        [LedgerEventKind.EmailAccepted] = typeof(EmailAccepted),
        [LedgerEventKind.EmailFailed] = typeof(EmailFailed),
        [LedgerEventKind.EmailDelivered] = typeof(EmailDelivered),
        [LedgerEventKind.EmailDelayed] = typeof(EmailDelayed),
        [LedgerEventKind.EmailBounced] = typeof(EmailBounced),
        [LedgerEventKind.PrintBatched] = typeof(PrintBatched),
        [LedgerEventKind.PrintSubmitted] = typeof(PrintSubmitted),
        [LedgerEventKind.BatchPosted] = typeof(BatchPosted),
        [LedgerEventKind.Returned] = typeof(Returned),
        [LedgerEventKind.Unreachable] = typeof(Unreachable),
        [LedgerEventKind.Acknowledged] = typeof(Acknowledged),
        [LedgerEventKind.ReminderPlanned] = typeof(ReminderPlanned),
        [LedgerEventKind.EmailDeferred] = typeof(EmailDeferred),
        [LedgerEventKind.EmailSending] = typeof(EmailSending),
        [LedgerEventKind.BatchSealed] = typeof(BatchSealed),
        [LedgerEventKind.BatchDiscarded] = typeof(BatchDiscarded),
        [LedgerEventKind.LetterFailed] = typeof(LetterFailed),
        [LedgerEventKind.CampaignOpened] = typeof(CampaignOpened),
        [LedgerEventKind.PrintCompleted] = typeof(PrintCompleted),
        [LedgerEventKind.PrintFailed] = typeof(PrintFailed),
        [LedgerEventKind.PackageApproved] = typeof(PackageApproved),
        [LedgerEventKind.UnapprovedRun] = typeof(UnapprovedRun),
        [LedgerEventKind.Unknown] = typeof(UnknownEvent),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, LedgerEventKind> KindOfType =
        TypeOfKind.ToFrozenDictionary(p => p.Value, p => p.Key);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Relaxed escaping keeps æøå readable in the store; the text is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static LedgerEventKind KindOf(Type eventType) =>
        KindOfType.TryGetValue(eventType, out var kind)
            ? kind
            : throw new ArgumentException($"{eventType.Name} is not a ledger event with a kind.", nameof(eventType));

    public static Type TypeOf(LedgerEventKind kind) => TypeOfKind[kind];

    /// <summary>The stored name of a kind (the enum member's name).</summary>
    public static string Name(LedgerEventKind kind) => kind.ToString();

    public static LedgerEventKind ParseKind(string? name) =>
        Enum.TryParse<LedgerEventKind>(name, ignoreCase: false, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _)
            ? kind
            : LedgerEventKind.Unknown;

    public static string Serialize(LedgerEvent ledgerEvent)
    {
        ArgumentNullException.ThrowIfNull(ledgerEvent);
        if (ledgerEvent is UnknownEvent)
        {
            throw new ArgumentException("An unknown event is never written.", nameof(ledgerEvent));
        }

        return JsonSerializer.Serialize(ledgerEvent, ledgerEvent.GetType(), Options);
    }

    public static LedgerEvent Deserialize(LedgerEventKind kind, string? detail)
    {
        if (kind == LedgerEventKind.Unknown || string.IsNullOrWhiteSpace(detail))
        {
            return new UnknownEvent(Name(kind), detail ?? "");
        }

        try
        {
            return JsonSerializer.Deserialize(detail, TypeOfKind[kind], Options) as LedgerEvent
                ?? new UnknownEvent(Name(kind), detail);
        }
        catch (JsonException)
        {
            return new UnknownEvent(Name(kind), detail);
        }
    }
}
