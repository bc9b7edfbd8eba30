namespace Notices.Model;

/// <summary>A device as imported from devices.csv. Also the EF Core entity for the <c>devices</c> table.</summary>
public sealed class Device
{
    /// <summary>Surrogate key for the store.</summary>
    public long Id { get; set; }
    public required string PatientId { get; set; }
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";
    public required string SerialNumber { get; set; }
    public string? SoftwareVersion { get; set; }
    /// <summary>Lot (batch) number from the optional <c>lot_number</c> column; null when not given.</summary>
    public string? LotNumber { get; set; }
    /// <summary>UDI device identifier (UDI-DI) from the optional <c>udi_di</c> column; null when not given.</summary>
    public string? UdiDi { get; set; }
}
