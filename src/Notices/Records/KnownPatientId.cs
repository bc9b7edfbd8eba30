namespace Notices.Records;

/// <summary>A patient id the import has seen under a <see cref="PatientIdKey"/>: in patients.csv or in the store.</summary>
/// <param name="PatientId">The id exactly as written.</param>
/// <param name="Line">Its line in patients.csv; 0 when it is only in the store.</param>
/// <param name="Imported">Whether a valid row of patients.csv wrote it in this import.</param>
internal sealed record KnownPatientId(string PatientId, int Line, bool Imported);
