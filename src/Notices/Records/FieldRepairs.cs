namespace Notices.Records;

/// <summary>What <see cref="FieldText.Clean"/> had to change in a field beyond trimming and NFC.</summary>
[Flags]
internal enum FieldRepairs
{
    None = 0,

    /// <summary>TAB, CR, LF or another control character became a space.</summary>
    ControlCharacters = 1,

    /// <summary>The field held U+0000, which the import refuses.</summary>
    Nul = 2,
}
