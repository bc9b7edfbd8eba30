namespace Notices.Runs;

/// <summary>Why <c>preview</c> made no proof for the patient asked for.</summary>
public enum PreviewRefusal
{
    /// <summary>The store holds no patient with that id.</summary>
    UnknownPatient,

    /// <summary>The patient has no device the notice affects (or is excluded), so plan gives them no letter.</summary>
    NotAffected,
}
