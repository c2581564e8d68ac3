using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Portal.Testing;

/// <summary>Throwaway self-signed RSA certificates, written as PFX files: for the data-protection keys of test hosts, and
/// for the HTTPS listener of an installation started as a process.</summary>
public static class TestCertificate
{
    public const string Password = "test-only";

    private static readonly Lazy<string> Shared = new(() => Write(Path.Combine(Path.GetTempPath(), "portal-tests", "certificates")));

    /// <summary>One certificate for the whole test run (generating RSA keys costs a little on a busy machine).</summary>
    public static string SharedPfx => Shared.Value;

    /// <summary>A new certificate in <paramref name="directory"/>; returns the PFX path (password <see cref="Password"/>).</summary>
    public static string Write(string directory, string subject = "CN=Portal test data protection")
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    /// <summary>A TLS server certificate for 127.0.0.1 and localhost in <paramref name="directory"/>; returns the PFX path.</summary>
    public static string WriteServer(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(directory, "tls-" + Guid.NewGuid().ToString("N") + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
