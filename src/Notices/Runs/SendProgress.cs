namespace Notices.Runs;

/// <summary>Progress of a send: letters finished out of the letters to do in this run.</summary>
public readonly record struct SendProgress(int Done, int Total);
