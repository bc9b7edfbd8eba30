namespace Notices.Records;

/// <summary>
/// A problem found while importing a CSV file. Errors are structural and stop the whole import;
/// warnings are reported but the data is imported.
/// </summary>
/// <param name="File">The file name (without directory), e.g. <c>patients.csv</c>.</param>
/// <param name="Line">1-based physical line where the record starts; 1 for the header; 0 for the file as a whole.</param>
/// <param name="Reason">What is wrong. Never contains names or addresses; a patient id at most.</param>
/// <param name="IsError">True for a structural error, false for a warning.</param>
public sealed record ImportIssue(string File, int Line, string Reason, bool IsError)
{
    /// <summary>Formats as <c>file:line: reason</c>.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{File}:{Line}: {Reason}");
}
