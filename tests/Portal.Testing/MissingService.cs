using System.Diagnostics.CodeAnalysis;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// A service a test needs (PostgreSQL, Chromium) is absent. A quick local <c>dotnet test</c> skips the test; under CI
/// (<c>CI=true</c>, which test.sh and .ci/run set after installing and starting both) the test fails instead, so that
/// nothing CI can provide is ever skipped there.
/// </summary>
public static class MissingService
{
    [DoesNotReturn]
    public static void Skip(string message)
    {
        Assert.False(TestDatabase.IsCi, "Under CI: " + message);
        Assert.Skip(message);
    }
}
