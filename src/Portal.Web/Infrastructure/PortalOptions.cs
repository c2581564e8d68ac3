namespace Portal.Web.Infrastructure;

/// <summary>Section "Portal" of appsettings.json.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Name shown in the header, e.g. "Cổng Dịch vụ công thành phố Hải Phòng".</summary>
    public string Name { get; set; } = "Cổng Dịch vụ công";

    public string NameEn { get; set; } = "Public Service Portal";

    /// <summary>QCVN 102 suffix of the province (Hải Phòng: H31); configuration, never a constant.</summary>
    public string ProvinceCode { get; set; } = "H31";

    /// <summary>Where the SQLite files, uploaded documents and the mail pickup folder live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>"web", "worker" or "web,worker": a node runs the site, the Hangfire server, or both.</summary>
    public string NodeRoles { get; set; } = "web,worker";

    /// <summary>Seed demo agencies, procedures, accounts and dossiers on first start (default: in Development only).</summary>
    public bool? SeedDemo { get; set; }

    /// <summary>Dossiers the demo seeder creates.</summary>
    public int DemoDossiers { get; set; } = 20_000;

    public bool RunsWorker => NodeRoles.Contains("worker", StringComparison.OrdinalIgnoreCase);

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);
}
