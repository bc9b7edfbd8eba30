namespace Notices.Printing.Ipp;

/// <summary>
/// An IPP request or response without its document data. <see cref="Code"/> is the operation in a request and the
/// status code in a response (the same two bytes on the wire).
/// </summary>
public sealed record IppMessage(short Code, int RequestId, IReadOnlyList<IppGroup> Groups, byte MajorVersion = 1, byte MinorVersion = 1)
{
    public IppStatusCode Status => (IppStatusCode)Code;

    /// <summary>Successful codes are 0x0000–0x00FF.</summary>
    public bool IsSuccess => Code is >= 0 and <= 0xFF;

    public IEnumerable<IppGroup> GroupsOf(IppTag tag) => Groups.Where(g => g.Tag == tag);

    /// <summary>The attribute in the first group of <paramref name="tag"/> that has it.</summary>
    public IppAttribute? Find(IppTag tag, string name) =>
        GroupsOf(tag).Select(g => g.Find(name)).FirstOrDefault(a => a is not null);
}
