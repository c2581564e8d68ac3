namespace Portal.Core.Filing;

/// <summary>Section "Filing": upload limits and draft retention.</summary>
public sealed class FilingOptions
{
    public const string Section = "Filing";

    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxDossierBytes { get; set; } = 50 * 1024 * 1024;
    public int MaxFilesPerDossier { get; set; } = 30;

    /// <summary>Unsubmitted drafts one account may keep at once: a citizen at the limit files or deletes one first.</summary>
    public int MaxOpenDrafts { get; set; } = 20;

    /// <summary>Bytes of files one account may keep across its unsubmitted drafts (each draft also within <see cref="MaxDossierBytes"/>).</summary>
    public long MaxDraftBytesPerAccount { get; set; } = 200L * 1024 * 1024;

    /// <summary>A draft untouched this long is deleted with its files by the nightly clean-up.</summary>
    public int DraftRetentionDays { get; set; } = 30;

    /// <summary>The place printed before the date on issued documents ("Hải Phòng, ngày …").</summary>
    public string PlaceName { get; set; } = string.Empty;
}
