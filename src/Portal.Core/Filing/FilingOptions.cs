namespace Portal.Core.Filing;

/// <summary>Section "Filing": upload limits and draft retention.</summary>
public sealed class FilingOptions
{
    public const string Section = "Filing";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxDossierBytes { get; set; } = 50 * 1024 * 1024;
    public int MaxFilesPerDossier { get; set; } = 30;

    /// <summary>A draft untouched this long is deleted with its files by the nightly clean-up.</summary>
    public int DraftRetentionDays { get; set; } = 30;

    /// <summary>The place printed before the date on issued documents ("Hải Phòng, ngày …").</summary>
    public string PlaceName { get; set; } = string.Empty;
}
