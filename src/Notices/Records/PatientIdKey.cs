namespace Notices.Records;

/// <summary>
/// The key under which patient ids are compared for conflicts. Ids are already trimmed and NFC-normalised by
/// <see cref="FieldText"/>, so an id in NFC and in NFD form is one id; the key also ignores case, so that ids that
/// differ only in case (P1 and p1, Æ and æ) are found and reported instead of becoming two patients.
/// </summary>
internal static class PatientIdKey
{
    public static string Of(string patientId) => patientId.ToUpperInvariant();
}
