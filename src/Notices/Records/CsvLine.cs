namespace Notices.Records;

/// <summary>One data record of a CSV file: its cleaned fields (see <see cref="FieldText"/>) and the physical line it starts on.</summary>
internal sealed record CsvLine(int Line, string[] Fields)
{
    /// <summary>The field at <paramref name="index"/>, or empty when the column is absent (-1) or the record is short.</summary>
    public string Get(int index) => index >= 0 && index < Fields.Length ? Fields[index] : "";
}
