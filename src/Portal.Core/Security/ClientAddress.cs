using System.Net;
using System.Net.Sockets;

namespace Portal.Core.Security;

/// <summary>The unit a client is counted by, for the rate limits of the web host and for throttle keys.</summary>
public static class ClientAddress
{
    /// <summary>When the request has no address (the in-process test host).</summary>
    public const string None = "local";

    /// <summary>
    /// An IPv4 address whole; an IPv6 address by its /64, the smallest prefix a subscriber line or a host is given, so
    /// that the 2^64 addresses an attacker gets with one cost them one count; an IPv4-mapped IPv6 address
    /// (<c>::ffff:203.0.113.7</c>, a dual-stack socket) as the IPv4 address it is. E.g. <c>203.0.113.7</c>,
    /// <c>2001:db8:1:2::/64</c>.
    /// </summary>
    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
