namespace Notices.Campaigns;

/// <summary>The patient data a letter was made from, frozen at planning time.</summary>
public sealed record RecipientSnapshot
{
    public required string PatientId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressLine2 { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
    public string Country { get; init; } = "DK";
    public string? Email { get; init; }
    public bool LargePrint { get; init; }
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>The snapshot of <paramref name="patient"/>'s data; <paramref name="email"/> only when the letter goes by email.</summary>
    public static RecipientSnapshot Of(Model.Patient patient, string? email)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return new RecipientSnapshot
        {
            PatientId = patient.PatientId,
            FirstName = patient.FirstName,
            LastName = patient.LastName,
            AddressLine1 = patient.AddressLine1,
            AddressLine2 = patient.AddressLine2,
            PostalCode = patient.PostalCode,
            City = patient.City,
            Country = patient.Country,
            Email = email,
            LargePrint = patient.LargePrint,
        };
    }
    /// <summary>Street, postal code and city are all there, so the letter can go by post.</summary>
    public bool HasPostalAddress =>
        !string.IsNullOrWhiteSpace(AddressLine1) && !string.IsNullOrWhiteSpace(PostalCode) && !string.IsNullOrWhiteSpace(City);
}
