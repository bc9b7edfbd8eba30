namespace Notices.Printing.Ipp;

/// <summary>A named attribute with one or more values (a set of keywords has several).</summary>
public sealed record IppAttribute(string Name, IReadOnlyList<IppValue> Values)
{
    public IppAttribute(string name, IppValue value)
        : this(name, [value])
    {
    }

    public static IppAttribute Keywords(string name, params string[] keywords) =>
        new(name, [.. keywords.Select(k => IppValue.Text(IppTag.Keyword, k))]);

    public IppValue? First => Values.Count > 0 ? Values[0] : null;
}
