namespace Notices.Delivery.Batches;

/// <summary>
/// A parsed PDF value. Atoms (numbers, strings, names, keywords) keep their raw bytes (Latin-1 text), so copying a
/// letter's object writes exactly what PDFsharp wrote, with only object references renumbered.
/// </summary>
internal abstract record PdfValue
{
    public sealed record Atom(string Raw) : PdfValue
    {
        public bool IsName => Raw.Length > 0 && Raw[0] == '/';
    }

    public sealed record Ref(int Number, int Generation) : PdfValue;

    public sealed record Array(List<PdfValue> Items) : PdfValue;

    public sealed record Dict(List<KeyValuePair<string, PdfValue>> Entries) : PdfValue
    {
        /// <summary>The value under <paramref name="key"/> (raw name, e.g. "/Type"), or null.</summary>
        public PdfValue? Get(string key)
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                {
                    return entry.Value;
                }
            }

            return null;
        }

        public bool HasName(string key, string name) => Get(key) is Atom a && string.Equals(a.Raw, name, StringComparison.Ordinal);
    }
}
