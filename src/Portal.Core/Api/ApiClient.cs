using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Data;

namespace Portal.Core.Api;

/// <summary>What an API client may do: one OAuth 2.0 scope each.</summary>
public static class ApiScopes
{
    public const string CatalogueRead = "catalogue:read";
    public const string DossiersRead = "dossiers:read";
    public const string DossiersWrite = "dossiers:write";
    public const string StatisticsRead = "statistics:read";

    public static readonly IReadOnlyList<string> All = [CatalogueRead, DossiersRead, DossiersWrite, StatisticsRead];

    /// <summary>What each scope lets a system do, "Tiếng Việt. / English." as the web layer picks one.</summary>
    public static string Describe(string scope) => scope switch
    {
        CatalogueRead => "Đọc danh mục: cơ quan, thủ tục và các phiên bản. / Read the catalogue: agencies, procedures and their versions.",
        DossiersRead => "Đọc hồ sơ của các cơ quan được phép, với lịch sử và thông tin giấy tờ. / Read the dossiers of the allowed agencies, with their history and documents' metadata.",
        DossiersWrite => "Nộp hồ sơ và xử lý hồ sơ (sắp có). / File and process dossiers (coming).",
        StatisticsRead => "Đọc số liệu thống kê (sắp có). / Read the statistics (coming).",
        _ => scope,
    };
}

/// <summary>
/// A system allowed to call the API with OAuth 2.0 client credentials. The secret itself lives hashed in OpenIddict's
/// application row of the same <see cref="ClientId"/>; this row keeps what the portal decides about the client: its
/// scopes, the agencies whose dossiers it may see (none listed: all), when its current secret was issued (tokens issued
/// before that are refused) and whether it was revoked (the OpenIddict application is then deleted; this row stays for
/// the audit trail).
/// </summary>
public sealed class ApiClient
{
    public const int MaxNameLength = 200;
    private List<string> _scopes = [];
    private List<int> _agencyIds = [];

    private ApiClient()
    {
        ClientId = Name = string.Empty;
    }

    public ApiClient(string clientId, string name, IEnumerable<string> scopes, IEnumerable<int> agencyIds, DateTime at, Guid? by)
    {
        ClientId = clientId;
        Name = name;
        CreatedAt = SecretIssuedAt = at;
        CreatedBy = by;
        ChangeAccess(scopes, agencyIds);
    }

    public int Id { get; private set; }
    public string ClientId { get; private set; }
    public string Name { get; private set; }
    public IReadOnlyList<string> Scopes => _scopes;

    /// <summary>The agencies whose dossiers the client may read (and those merged into them); empty: every agency.</summary>
    public IReadOnlyList<int> AgencyIds => _agencyIds;

    public DateTime CreatedAt { get; private set; }
    public Guid? CreatedBy { get; private set; }
    public DateTime SecretIssuedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void ChangeAccess(IEnumerable<string> scopes, IEnumerable<int> agencyIds)
    {
        EnsureActive();
        var chosen = scopes.Distinct(StringComparer.Ordinal).ToList();
        var unknown = chosen.Where(s => !ApiScopes.All.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Phạm vi không có: {string.Join(", ", unknown)}.", $"No such scope: {string.Join(", ", unknown)}.");
        }

        if (chosen.Count == 0)
        {
            throw new DomainException("Chọn ít nhất một phạm vi truy cập.", "Choose at least one scope.");
        }

        _scopes = [.. ApiScopes.All.Where(chosen.Contains)];
        _agencyIds = [.. agencyIds.Distinct().Order()];
    }

    public void SecretRotated(DateTime at)
    {
        EnsureActive();
        SecretIssuedAt = at;
    }

    public void Revoke(DateTime at)
    {
        EnsureActive();
        RevokedAt = at;
    }

    /// <summary>Whether a token issued at <paramref name="issuedAt"/> still speaks for this client (not revoked, not before the current secret).</summary>
    public bool Accepts(DateTimeOffset? issuedAt) =>
        !IsRevoked && issuedAt is { } issued && issued.UtcDateTime >= SecretIssuedAt.AddTicks(-(SecretIssuedAt.Ticks % TimeSpan.TicksPerSecond));

    private void EnsureActive()
    {
        if (IsRevoked)
        {
            throw new DomainException("Ứng dụng này đã bị thu hồi.", "This client has been revoked.");
        }
    }
}

public sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("ApiClients");
        builder.HasIndex(x => x.ClientId).IsUnique();
        builder.Property(x => x.ClientId).HasMaxLength(100);
        builder.Property(x => x.Name).HasMaxLength(ApiClient.MaxNameLength);
        builder.Property<List<string>>("_scopes").HasColumnName("Scopes").AsJson();
        builder.Property<List<int>>("_agencyIds").HasColumnName("AgencyIds").AsJson();
        builder.Ignore(x => x.Scopes);
        builder.Ignore(x => x.AgencyIds);
    }
}
