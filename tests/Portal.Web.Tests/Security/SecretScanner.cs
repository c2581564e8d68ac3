using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portal.Web.Tests.Security;

/// <summary>A secret found in a file: where, what kind, and the value shortened so the report does not repeat it.</summary>
public sealed record SecretFinding(string Path, int Line, string Kind, string Excerpt)
{
    public override string ToString() => $"{Path}:{Line}: {Kind} ({Excerpt})";
}

/// <summary>
/// Finds what must never be committed: private keys, access tokens of the common providers, passwords inside
/// connection strings, and any non-empty password, secret, key or token in an appsettings*.json that is not a
/// documented demo value.
/// </summary>
public static partial class SecretScanner
{
    /// <summary>Values that may appear because they are published on purpose, and where they are documented.</summary>
    public static readonly IReadOnlyDictionary<string, string> DocumentedDemoValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["HaiPhong@2026"] = "the password of the demo accounts, listed in README.md (DemoSeeder.Password)",
        ["…"] = "a placeholder in documentation",
    };

    private static readonly (string Kind, Regex Pattern)[] Tokens =
    [
        ("private key", PrivateKey()),
        ("AWS access key id", AwsKeyId()),
        ("AWS secret access key", AwsSecret()),
        ("GitHub token", GitHubToken()),
        ("Slack token", SlackToken()),
        ("Google API key", GoogleKey()),
        ("Stripe live key", StripeKey()),
        ("password in a connection string", ConnectionPassword()),
    ];

    /// <summary>Every finding in one file's text; <paramref name="path"/> decides whether it is read as settings too.</summary>
    public static IReadOnlyList<SecretFinding> Scan(string path, string text)
    {
        var findings = new List<SecretFinding>();
        foreach (var (kind, pattern) in Tokens)
        {
            foreach (Match match in pattern.Matches(text))
            {
                var value = match.Groups["value"].Success ? match.Groups["value"].Value : match.Value;
                if (!DocumentedDemoValues.ContainsKey(value))
                {
                    findings.Add(new SecretFinding(path, LineOf(text, match.Index), kind, Shorten(value)));
                }
            }
        }

        if (IsSettings(path))
        {
            findings.AddRange(ScanSettings(path, text));
        }

        return findings;
    }

    /// <summary>The files of the repository: tracked and not ignored, as git lists them (walking the tree when git is missing).</summary>
    public static IReadOnlyList<string> RepositoryFiles(string root)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
            {
                return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Where(f => File.Exists(Path.Combine(root, f)))];
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        string[] skipped = ["bin", "obj", ".git", "node_modules", "artifacts", "data"];
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => skipped.Contains(part, StringComparer.Ordinal)))];
    }

    private static bool IsSettings(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    private static List<SecretFinding> ScanSettings(string path, string text)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return [new SecretFinding(path, 0, "settings that cannot be read (so cannot be checked)", e.Message)];
        }

        using (json)
        {
            var findings = new List<SecretFinding>();
            Walk(json.RootElement, string.Empty);
            return findings;

            void Walk(JsonElement element, string at)
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            var key = at.Length == 0 ? property.Name : at + ":" + property.Name;
                            if (property.Value.ValueKind == JsonValueKind.String && SecretKey().IsMatch(property.Name)
                                && property.Value.GetString() is { Length: > 0 } value && !DocumentedDemoValues.ContainsKey(value))
                            {
                                findings.Add(new SecretFinding(path, LineOf(text, text.IndexOf('"' + property.Name + '"', StringComparison.Ordinal)),
                                    $"a value for {key}", Shorten(value)));
                            }

                            Walk(property.Value, key);
                        }

                        break;
                    case JsonValueKind.Array:
                        var i = 0;
                        foreach (var item in element.EnumerateArray())
                        {
                            Walk(item, $"{at}:{i++}");
                        }

                        break;
                }
            }
        }
    }

    private static int LineOf(string text, int index) => index < 0 ? 0 : text.AsSpan(0, index).Count('\n') + 1;

    private static string Shorten(string value) => value.Length <= 6 ? new string('*', value.Length) : value[..4] + "…" + $"({value.Length} characters)";

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKeyId();

    [GeneratedRegex(@"(?i)aws_?secret_?access_?key[""']?\s*[:=]\s*[""']?(?<value>[A-Za-z0-9/+=]{40})")]
    private static partial Regex AwsSecret();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_\-]{35}\b")]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"\b[rs]k_live_[0-9A-Za-z]{24,}\b")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?i)(?:host|server|data source)\s*=[^""'\n`]*?;\s*(?:password|pwd)\s*=\s*(?<value>[^;""'\s`]+)")]
    private static partial Regex ConnectionPassword();

    [GeneratedRegex(@"(?i)(password|passwd|pwd|secret|token|apikey|api_key|privatekey|private_key|accesskey|signingkey|hmackey|credential)")]
    private static partial Regex SecretKey();
}
