namespace Portal.Core.Processing;

/// <summary>Section "Processing" (upload limits and the place on issued forms are Filing's, shared with the citizens' side).</summary>
public sealed class ProcessingOptions
{
    public const string Section = "Processing";

    /// <summary>Working hours the desk has to hand a received dossier to the agency's first step.</summary>
    public int DeskHandOffWorkingHours { get; set; } = 8;
}
