namespace Notices.Model;

/// <summary>A patient as imported from patients.csv. Also the EF Core entity for the <c>patients</c> table.</summary>
public sealed class Patient
{
    public required string PatientId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    /// <summary>ISO 3166-1 alpha-2, upper case. Defaults to DK.</summary>
    public string Country { get; set; } = "DK";
    public string? Email { get; set; }
    public bool EmailConsent { get; set; }
    /// <summary>False when the imported address failed validation (import warned, patient goes to post).</summary>
    public bool EmailValid { get; set; }
    public bool LargePrint { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>A letter can go by post when street, postal code and city are all present.</summary>
    public bool HasPostalAddress =>
        !string.IsNullOrWhiteSpace(AddressLine1) &&
        !string.IsNullOrWhiteSpace(PostalCode) &&
        !string.IsNullOrWhiteSpace(City);

    public bool CanReceiveEmail => EmailConsent && EmailValid && !string.IsNullOrWhiteSpace(Email);
}
