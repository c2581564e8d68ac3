using Microsoft.AspNetCore.Identity;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Identity;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The demo never runs in Production: <c>Portal:SeedDemo=true</c> is refused there before the database is touched,
/// and the start stops while any account still signs in with the demo's published password (a database that was
/// seeded for a trial and then put live, or a copy of the demo).
/// </summary>
public static class DemoGuard
{
    public static void RefuseDemoSeed(IHostEnvironment environment, PortalOptions portal)
    {
        if (environment.IsProduction() && portal.SeedDemo == true)
        {
            throw new InvalidOperationException(
                "Portal:SeedDemo=true bị từ chối trong môi trường Production: dữ liệu demo (tài khoản với mật khẩu công khai) không bao giờ chạy trên hệ thống thật. / Portal:SeedDemo=true is refused in the Production environment: the demo (accounts with a published password) never runs on a live system.");
        }
    }

    public static async Task RefuseDemoPasswordsAsync(IHostEnvironment environment, PortalDb db, IPasswordHasher<PortalUser> hasher, CancellationToken ct = default)
    {
        if (!environment.IsProduction())
        {
            return;
        }

        var found = await DemoPasswordCheck.FindAsync(db, hasher, ct);
        if (found.Count > 0)
        {
            var examples = string.Join(", ", found.Examples);
            throw new InvalidOperationException(
                $"{found.Count} tài khoản vẫn dùng mật khẩu demo (ví dụ {examples}): xóa dữ liệu demo hoặc đổi các mật khẩu đó trước khi chạy Production. / {found.Count} accounts still have the demo password (e.g. {examples}): remove the demo data or change those passwords before running in Production.");
        }
    }
}
