namespace Portal.Web.Tests.Security;

public sealed class NoSecretInRepositoryTests
{
    [Fact]
    public void No_file_of_the_repository_holds_a_private_key_an_access_token_or_a_configured_secret()
    {
        var root = RepositoryRoot();
        var files = SecretScanner.RepositoryFiles(root);
        var findings = new List<SecretFinding>();
        var read = 0;
        foreach (var file in files)
        {
            var path = Path.Combine(root, file);
            if (new FileInfo(path).Length > 5 * 1024 * 1024)
            {
                continue;
            }

            var text = File.ReadAllText(path);
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            read++;
            findings.AddRange(SecretScanner.Scan(file, text));
        }

        Assert.True(findings.Count == 0, "Secrets in the repository (move them to user secrets or the environment):\n" + string.Join('\n', findings));
        Assert.Contains("appsettings.json", files);
        Assert.True(read > 200, $"Only {read} files read: the listing of the repository is broken.");
    }

    // The samples are put together at run time so that this file does not hold them itself.
    public static TheoryData<string, string, string> Planted => new()
    {
        { "keys/server.pem", "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "private key" },
        { "deploy/id_ed25519", "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA", "private key" },
        { "deploy/key.pem", "-----BEGIN " + "PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "private key" },
        { "scripts/upload.sh", "export AWS_ACCESS_KEY_ID=" + "AKIA" + "IOSFODNN7EXAMPLE", "AWS access key id" },
        { "scripts/upload.sh", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY", "AWS secret access key" },
        { "ci/publish.sh", "git push https://x:" + "ghp_" + new string('A', 36) + "@github.com/o/r", "GitHub token" },
        { "ci/publish.sh", "TOKEN=" + "github_pat_" + new string('1', 30), "GitHub token" },
        { "ops/notify.sh", "curl -H 'Authorization: Bearer " + "xoxb-" + "1234567890-abcdefghij'", "Slack token" },
        { "wwwroot/js/map.js", "const key = '" + "AIza" + new string('B', 35) + "';", "Google API key" },
        { "src/Pay.cs", "var key = \"" + "sk_" + "live_" + new string('c', 24) + "\";", "Stripe live key" },
        { "docker-compose.yml", "ConnectionStrings__Db: \"Host=db;Database=portal;Username=portal;" + "Password=" + "hunter2\"", "password in a connection string" },
        { "appsettings.Production.json", "{ \"Payments\": { \"Sandbox\": { \"Secret\": \"" + "k3y-" + "of-the-gateway\" } } }", "a value for Payments:Sandbox:Secret" },
        { "src/Portal.Web/appsettings.json", "{ \"Authentication\": { \"OpenIdConnect\": { \"ClientSecret\": \"" + "s3cr3t" + "\" } } }", "a value for Authentication:OpenIdConnect:ClientSecret" },
        { "appsettings.Development.json", "{ \"Smtp\": { \"Password\": \"" + "mail" + "pass\" } }", "a value for Smtp:Password" },
    };

    [Theory]
    [MemberData(nameof(Planted))]
    public void The_detector_finds_a_planted_secret(string path, string text, string kind)
    {
        var findings = SecretScanner.Scan(path, text);

        var finding = Assert.Single(findings);
        Assert.Equal(kind, finding.Kind);
        Assert.Equal(path, finding.Path);
    }

    [Theory]
    [InlineData("appsettings.json", "{ \"Authentication\": { \"OpenIdConnect\": { \"ClientSecret\": \"\", \"ClientId\": \"\" } }, \"Database\": { \"ConnectionString\": \"\" } }")]
    [InlineData("README.md", "e.g. `Host=db;Database=portal;Username=portal;Password=…`")]
    [InlineData("bench/run.sh", "--data-urlencode \"Password=HaiPhong@2026\"")]
    [InlineData("test.sh", "export PORTAL_TEST_PG=\"Host=127.0.0.1;Port=55432;Username=postgres;Timeout=15\"")]
    [InlineData("appsettings.json", "{ \"RateLimits\": { \"LoginPerMinute\": 20 }, \"Portal\": { \"Name\": \"Cổng Dịch vụ công\" } }")]
    [InlineData("src/Keys.cs", "// a key ends with -----END PUBLIC KEY-----; ghp_short is no token")]
    public void Empty_settings_documented_demo_values_and_look_alikes_are_not_secrets(string path, string text) =>
        Assert.Empty(SecretScanner.Scan(path, text));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
