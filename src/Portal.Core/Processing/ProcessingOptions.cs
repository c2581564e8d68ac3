namespace Portal.Core.Processing;

/// <summary>Section "Processing".</summary>
public sealed class ProcessingOptions
{
    public const string Section = "Processing";

    /// <summary>Working hours the desk has to hand a received dossier to the agency's first step.</summary>
    public int DeskHandOffWorkingHours { get; set; } = 8;

    /// <summary>Largest scanned or result file an official may upload, in bytes.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Place name printed before the date of issued forms ("Hải Phòng, ngày …"); empty prints the date alone.</summary>
    public string Place { get; set; } = string.Empty;
}
