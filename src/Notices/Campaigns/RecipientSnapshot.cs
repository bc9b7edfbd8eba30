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
    /// <summary>Street, postal code and city are all there, so the letter can go by post.</summary>
    public bool HasPostalAddress =>
        !string.IsNullOrWhiteSpace(AddressLine1) && !string.IsNullOrWhiteSpace(PostalCode) && !string.IsNullOrWhiteSpace(City);
}
