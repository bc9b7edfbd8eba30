namespace Notices.Records;

/// <summary>Column names of the CSV data contract (DESIGN.md, "Data contract").</summary>
public static class RecordColumns
{
    public const string PatientId = "patient_id";
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string AddressLine1 = "address_line1";
    public const string AddressLine2 = "address_line2";
    public const string PostalCode = "postal_code";
    public const string City = "city";
    public const string Country = "country";
    public const string Email = "email";
    public const string EmailConsent = "email_consent";
    public const string LargePrint = "large_print";

    public const string Manufacturer = "manufacturer";
    public const string Model = "model";
    public const string SerialNumber = "serial_number";
    public const string SoftwareVersion = "software_version";
    public const string LotNumber = "lot_number";
    public const string UdiDi = "udi_di";

    public static IReadOnlyList<string> PatientColumns { get; } =
        [PatientId, FirstName, LastName, AddressLine1, AddressLine2, PostalCode, City, Country, Email, EmailConsent, LargePrint];

    public static IReadOnlyList<string> RequiredPatientColumns { get; } = [PatientId, FirstName, LastName];

    public static IReadOnlyList<string> DeviceColumns { get; } = [PatientId, Manufacturer, Model, SerialNumber, SoftwareVersion, LotNumber, UdiDi];

    public static IReadOnlyList<string> RequiredDeviceColumns { get; } = [PatientId, SerialNumber];
}
