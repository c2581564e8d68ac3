namespace Portal.Core.Dossiers;

/// <summary>Who acts on a dossier, as recorded in its history.</summary>
public sealed record Actor(Guid? UserId, string Name, string Role)
{
    public static readonly Actor System = new(null, "Hệ thống", Roles.System);
}

/// <summary>The roles of ASP.NET Core Identity, and the system itself for timers.</summary>
public static class Roles
{
    public const string Citizen = "Citizen";
    public const string Reception = "Reception";
    public const string Handler = "Handler";
    public const string Approver = "Approver";
    public const string Leader = "Leader";
    public const string Admin = "Admin";
    public const string System = "System";

    public static readonly string[] All = [Citizen, Reception, Handler, Approver, Leader, Admin];
    public static readonly string[] Officials = [Reception, Handler, Approver];

    /// <summary>Officials, leaders and administrators: the accounts that must use two-step verification.</summary>
    public static readonly string[] Staff = [Reception, Handler, Approver, Leader, Admin];

    public static string Vietnamese(string role) => role switch
    {
        Citizen => "Công dân, doanh nghiệp",
        Reception => "Cán bộ một cửa",
        Handler => "Chuyên viên xử lý",
        Approver => "Lãnh đạo phòng (phê duyệt)",
        Leader => "Lãnh đạo",
        Admin => "Quản trị",
        System => "Hệ thống",
        _ => role,
    };
}
