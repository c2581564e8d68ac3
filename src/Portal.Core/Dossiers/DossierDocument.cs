namespace Portal.Core.Dossiers;

public enum DocumentKind : byte
{
    /// <summary>Filed by the applicant (online) or scanned at the desk.</summary>
    Submitted = 1,
    Supplement = 2,

    /// <summary>The electronic result of the procedure.</summary>
    Result = 3,

    /// <summary>A document the system issued (receipt, Mẫu 02–05, fee receipt).</summary>
    Issued = 4,
}

/// <summary>A stored file of a dossier. The bytes live outside wwwroot under <see cref="StorageKey"/>.</summary>
public sealed class DossierDocument
{
    private DossierDocument()
    {
        Title = FileName = ContentType = Sha256 = StorageKey = string.Empty;
    }

    public DossierDocument(DocumentKind kind, int? requirementIndex, string title, string fileName, string contentType,
        long size, string sha256, string storageKey, DateTime uploadedAt, Guid? uploadedBy)
    {
        Kind = kind;
        RequirementIndex = requirementIndex;
        Title = title;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StorageKey = storageKey;
        UploadedAt = uploadedAt;
        UploadedBy = uploadedBy;
    }

    public long Id { get; private set; }
    public long DossierId { get; private set; }
    public DocumentKind Kind { get; private set; }

    /// <summary>Which required document of the procedure version this file answers (index in its list).</summary>
    public int? RequirementIndex { get; private set; }

    public string Title { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; }
    public string StorageKey { get; private set; }
    public DateTime UploadedAt { get; private set; }
    public Guid? UploadedBy { get; private set; }

    /// <summary>Held by the scanning hook: never served until released.</summary>
    public bool Quarantined { get; private set; }

    public void Quarantine() => Quarantined = true;

    public void Release() => Quarantined = false;
}
