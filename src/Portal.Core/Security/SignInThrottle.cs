using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Portal.Core.Security;

/// <summary>Section "SignInThrottle": how wrong passwords slow a client and an account down.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Wrong passwords from one client address (IPv6 by /64) within an hour before it waits, 1 minute doubling to 30.</summary>
    public int AddressFailures { get; set; } = 30;

    /// <summary>Wrong passwords for one account name from browsers it has never signed in on, before they wait, 1 minute doubling to an hour.</summary>
    public int AccountFailures { get; set; } = 5;

    /// <summary>Wrong passwords from one of the account's known browsers before that browser is known no more.</summary>
    public int DeviceFailures { get; set; } = 10;

    /// <summary>How long a browser stays known after a right password.</summary>
    public TimeSpan DeviceLifetime { get; set; } = TimeSpan.FromDays(180);
}

/// <summary>
/// Sign-in throttling that slows attackers without locking owners out (ASVS 2.2.1), after OWASP's "device cookies":
/// <list type="bullet">
/// <item>per client address (<see cref="ClientAddress.Partition"/>), growing delays after many failures (an office behind
/// one address has room);</item>
/// <item>per account name, only for browsers that have never signed in to it, growing delays after a few failures.
/// The name is counted whether or not an account has it, so the answers say nothing about accounts; when the first
/// delay starts for a real account, its owner gets a mail with a link that lifts it for the browser that opens it;</item>
/// <item>a browser where the right password was given holds a device cookie for that account: it is not slowed by the
/// failures of others, so no anonymous client can lock an owner (citizen, official or administrator) out of the
/// browsers they use; its own failures are counted against that cookie alone, which stops being trusted after
/// <see cref="SignInThrottleOptions.DeviceFailures"/>.</item>
/// </list>
/// Counts live in the database (<see cref="Throttle"/>), so every node sees the same.
/// </summary>
public sealed class SignInThrottle(Throttle throttle, IOptions<SignInThrottleOptions> options)
{
    private SignInThrottleOptions O => options.Value;

    private ThrottlePolicy AddressPolicy => ThrottlePolicy.Growing(O.AddressFailures, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1));

    /// <summary>The account name's policy (public: its first block is the one that mails the owner).</summary>
    public ThrottlePolicy AccountPolicy => ThrottlePolicy.Growing(O.AccountFailures, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1));

    private ThrottlePolicy DevicePolicy => ThrottlePolicy.Fixed(O.DeviceFailures, TimeSpan.FromDays(1), TimeSpan.FromDays(1));

    /// <summary>The key of an account name (Identity's normalised e-mail), hashed: fixed length, no address in the table.</summary>
    public static string AccountKey(string normalizedEmail) => "signin-account:" + Hash(normalizedEmail);

    public static string AddressKey(string partition) => "signin-address:" + partition;

    public static string DeviceKey(string nonce) => "signin-device:" + nonce;

    /// <summary>The short name of a device cookie for an account name (several accounts can be known on one browser).</summary>
    public static string CookieSuffix(string normalizedEmail) => Hash(normalizedEmail)[..16];

    /// <summary>Before the password is looked at: refused while the address, or (from an unknown browser) the name, waits.</summary>
    public async Task<ThrottleState> BeforeAsync(string normalizedEmail, string partition, string? deviceNonce, CancellationToken ct)
    {
        var address = await throttle.CheckAsync(AddressKey(partition), ct);
        if (address.IsBlocked)
        {
            return address;
        }

        return deviceNonce is null ? await throttle.CheckAsync(AccountKey(normalizedEmail), ct) : ThrottleState.Clear;
    }

    /// <summary>Whether a device cookie's nonce is still trusted (its own failures below the limit).</summary>
    public async Task<bool> TrustedAsync(string nonce, CancellationToken ct) => !(await throttle.CheckAsync(DeviceKey(nonce), ct)).IsBlocked;

    /// <summary>A wrong password: counted for the address, and for the browser's cookie or else the name. The name's state is returned.</summary>
    public async Task<(ThrottleState Account, bool DeviceLost)> FailedAsync(string normalizedEmail, string partition, string? deviceNonce, CancellationToken ct)
    {
        await throttle.FailAsync(AddressKey(partition), AddressPolicy, ct);
        if (deviceNonce is not null)
        {
            var device = await throttle.FailAsync(DeviceKey(deviceNonce), DevicePolicy, ct);
            return (ThrottleState.Clear, device.IsBlocked);
        }

        return (await throttle.FailAsync(AccountKey(normalizedEmail), AccountPolicy, ct), false);
    }

    /// <summary>
    /// The right password: a known browser's own failures are forgiven, and from a new browser the name's (it was not
    /// waiting, or the password would not have been looked at).
    /// </summary>
    public Task SucceededAsync(string normalizedEmail, string? deviceNonce, CancellationToken ct) =>
        throttle.ResetAsync(deviceNonce is null ? AccountKey(normalizedEmail) : DeviceKey(deviceNonce), ct);

    /// <summary>Lifts the name's delay (the owner's mailed link, an administrator's unlock).</summary>
    public Task LiftAsync(string normalizedEmail, CancellationToken ct) => throttle.ResetAsync(AccountKey(normalizedEmail), ct);

    /// <summary>Whether the name waits now (for browsers that do not know it).</summary>
    public async Task<bool> IsDelayedAsync(string normalizedEmail, CancellationToken ct) => (await throttle.CheckAsync(AccountKey(normalizedEmail), ct)).IsBlocked;

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
