namespace Portal.Core.Documents;

/// <summary>What the browser says an uploaded file is called: shown and offered on download, never used as a path.</summary>
public static class FileNames
{
    /// <summary>True for a name that climbs out of a folder ("../", "..\") or carries a NUL: no browser sends one, an attack does.</summary>
    public static bool ClimbsOut(string? fileName) =>
        fileName is not null && (fileName.Contains('\0', StringComparison.Ordinal) || fileName.Split('/', '\\').Any(segment => segment.Trim() == ".."));
}
