namespace Notices.Printing.Ipp;

/// <summary>An attribute group (operation, job, printer, unsupported) in the order of the message.</summary>
public sealed record IppGroup(IppTag Tag, IReadOnlyList<IppAttribute> Attributes)
{
    public IppAttribute? Find(string name) => Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
