namespace Portal.Web.Infrastructure;

/// <summary>The environments the portal knows beside Development and Production, and what each relaxes.</summary>
public static class PortalEnvironments
{
    /// <summary>The in-process test host (tests/Portal.Testing/PortalApp): plain HTTP like Development, no demo by default.</summary>
    public const string Testing = "Testing";

    /// <summary>The benchmark hosts of bench/ (load, chaos, deadlines): the only place the raw baselines exist.</summary>
    public const string Benchmark = "Benchmark";

    /// <summary>
    /// Where the portal runs on plain HTTP on one machine (Development, the test host): cookies follow the request's
    /// scheme, the public address may be http://, and the data-protection keys need no certificate.
    /// </summary>
    public static bool IsLocal(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment(Testing);
}
