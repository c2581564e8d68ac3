using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Dossiers;

namespace Portal.Core.Processing;

/// <summary>
/// A scan the desk chose on a counter form that came back with a mistake: it passed the file checks and waits in the
/// document store, so the corrected form need not ask for it again (a browser cannot refill a file input). It is found
/// by an unguessable token that only its official may use; the row holds the token's hash, not the token. Used when the
/// dossier is saved, or deleted after <see cref="KeepFor"/> by <see cref="CleanStagedScansJob"/>.
/// </summary>
public sealed class StagedScan
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    private StagedScan()
    {
        TokenHash = FileName = ContentType = Sha256 = StorageKey = string.Empty;
    }

    private StagedScan(string tokenHash, Guid ownerId, DossierDocument checkedFile, DateTime at)
    {
        TokenHash = tokenHash;
        OwnerId = ownerId;
        RequirementIndex = checkedFile.RequirementIndex;
        FileName = checkedFile.FileName;
        ContentType = checkedFile.ContentType;
        Length = checkedFile.Size;
        Sha256 = checkedFile.Sha256;
        StorageKey = checkedFile.StorageKey;
        Quarantined = checkedFile.Quarantined;
        StagedAt = at;
    }

    public long Id { get; private set; }
    public string TokenHash { get; private set; }
    public Guid OwnerId { get; private set; }

    /// <summary>The procedure's document it scans (its index), or null for "other documents".</summary>
    public int? RequirementIndex { get; private set; }

    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Length { get; private set; }
    public string Sha256 { get; private set; }
    public string StorageKey { get; private set; }
    public bool Quarantined { get; private set; }
    public DateTime StagedAt { get; private set; }

    /// <summary>Keeps a checked and stored file for its official; returns the row and the token the form carries.</summary>
    public static (StagedScan Scan, string Token) Keep(DossierDocument checkedFile, Guid ownerId, DateTime at)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new StagedScan(HashOf(token), ownerId, checkedFile, at), token);
    }

    /// <summary>What the desk is told when a token finds no scan of theirs.</summary>
    public static DomainException Gone() => new(
        "Một tệp quét đã giữ lại không còn dùng được (đã quá 24 giờ, đã được dùng cho hồ sơ khác, hoặc không phải do bạn chọn). Hãy chọn lại tệp quét.",
        "A kept scan can no longer be used (older than 24 hours, already used for another dossier, or not chosen by you). Choose the scan again.");

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    /// <summary>The dossier's document made of this scan: the same stored file, now owned by the dossier.</summary>
    public DossierDocument ToDocument(string title, DateTime at)
    {
        var document = new DossierDocument(DocumentKind.Submitted, RequirementIndex, title, FileName, ContentType, Length, Sha256, StorageKey, at, OwnerId);
        if (Quarantined)
        {
            document.Quarantine();
        }

        return document;
    }
}

public sealed class StagedScanConfiguration : IEntityTypeConfiguration<StagedScan>
{
    public void Configure(EntityTypeBuilder<StagedScan> builder)
    {
        builder.HasIndex(x => x.TokenHash).IsUnique();
        builder.HasIndex(x => x.StagedAt);
        builder.Property(x => x.TokenHash).HasMaxLength(64);
        builder.Property(x => x.Sha256).HasMaxLength(64);
        builder.Property(x => x.ContentType).HasMaxLength(100);
    }
}
