namespace Notices.Records;

/// <summary>The outcome of <see cref="RecordsImporter.Import"/>.</summary>
public sealed class ImportResult
{
    /// <summary>The most issues of each kind listed; the totals keep counting past it.</summary>
    public const int MaxListedIssues = 200;

    /// <summary>Structural errors, at most <see cref="MaxListedIssues"/>. When there is any, nothing was written.</summary>
    public required IReadOnlyList<ImportIssue> Errors { get; init; }

    /// <summary>Warnings, at most <see cref="MaxListedIssues"/>. The data they concern was imported.</summary>
    public required IReadOnlyList<ImportIssue> Warnings { get; init; }

    /// <summary>All errors found, including those not listed in <see cref="Errors"/>.</summary>
    public int TotalErrors { get; init; }

    /// <summary>All warnings found, including those not listed in <see cref="Warnings"/>.</summary>
    public int TotalWarnings { get; init; }

    public int PatientsAdded { get; init; }

    /// <summary>Patients already in the store whose data changed (their UpdatedAt was set).</summary>
    public int PatientsUpdated { get; init; }

    /// <summary>Patients already in the store with identical data (left untouched).</summary>
    public int PatientsUnchanged { get; init; }

    /// <summary>Device rows written (the device sets of the patients named in devices.csv were replaced by them).</summary>
    public int DevicesImported { get; init; }

    /// <summary>How each file was read; empty for a file that could not be opened.</summary>
    public IReadOnlyList<ImportFileSummary> Files { get; init; } = [];

    /// <summary>True when there was no structural error and the store was updated.</summary>
    public bool Succeeded => TotalErrors == 0;
}
