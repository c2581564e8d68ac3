using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Data;

namespace Portal.Web.Infrastructure;

/// <summary>
/// The keys that protect cookies, antiforgery and Identity tokens live in the portal's database
/// (<c>DataProtectionKeys</c>), so every node of one installation shares them and a new machine signs nobody out; the
/// fixed application name keeps them valid whatever folder the portal is started from. Outside Development and the
/// test host they are encrypted at rest with the certificate <c>DataProtection:CertificatePath</c> (a PFX with its
/// private key, password <c>DataProtection:CertificatePassword</c>): a copy of the database alone cannot forge a
/// sign-in cookie. Another installation (another database) has other keys and refuses this one's cookies.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "Portal.CongDichVuCong";
    public const string CertificatePathSetting = "DataProtection:CertificatePath";
    public const string CertificatePasswordSetting = "DataProtection:CertificatePassword";

    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var protection = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDb>();
        var path = configuration[CertificatePathSetting];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!PortalEnvironments.IsLocal(environment))
            {
                throw new InvalidOperationException(
                    $"Chưa cấu hình {CertificatePathSetting}: chứng thư (PFX) mã hóa khóa bảo vệ dữ liệu trong cơ sở dữ liệu (xem README, \"Going live\"). / {CertificatePathSetting} is not set: the certificate (PFX) that encrypts the data-protection keys in the database (see README, \"Going live\").");
            }

            return services;
        }

        protection.ProtectKeysWithCertificate(Load(Path.GetFullPath(path), configuration[CertificatePasswordSetting]));
        return services;
    }

    /// <summary>The configured certificate, or null where none is set (Development and the test host only: elsewhere the start stops earlier).</summary>
    public static X509Certificate2? ConfiguredCertificate(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[CertificatePathSetting]) ? null
            : Load(Path.GetFullPath(configuration[CertificatePathSetting]!), configuration[CertificatePasswordSetting]);

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathSetting}: không có tệp {path}. / {CertificatePathSetting}: there is no file {path}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{CertificatePathSetting}: không mở được {path} (tệp PFX và {CertificatePasswordSetting} có đúng không?). / {CertificatePathSetting}: {path} cannot be opened (is it a PFX, and is {CertificatePasswordSetting} right?).", e);
        }

        using var key = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
        if (key is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"{CertificatePathSetting}: {path} không chứa khóa riêng RSA. / {CertificatePathSetting}: {path} holds no RSA private key.");
        }

        return certificate;
    }
}
