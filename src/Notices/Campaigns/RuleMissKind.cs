namespace Notices.Campaigns;

public enum RuleMissKind
{
    /// <summary>The rule names another manufacturer or model.</summary>
    Product,
    /// <summary>Manufacturer and model match, but a condition (version, range, lot, UDI-DI, serials file) does not hold.</summary>
    Condition,
}
