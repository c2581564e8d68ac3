using Microsoft.Extensions.Configuration;

namespace Portal.Core.Links;

/// <summary>
/// The portal's one public address (<c>Portal:PublicBaseUrl</c>): every link the portal hands out (mails, SMS, the QR
/// codes on its forms, e-mail confirmation and password-reset links, the first administrator's set-password link) is
/// built here, never from the request. A link built from the request's Host header sends a reset token to whichever
/// host the requester named (account takeover by <c>Host: evil.example</c>).
/// </summary>
public sealed class PublicUrls
{
    public const string Setting = "Portal:PublicBaseUrl";

    /// <summary>The address <c>dotnet run --project src/Portal.Web</c> serves (launchSettings.json).</summary>
    public const string DevelopmentDefault = "http://localhost:5222";

    /// <summary>The old name, read by nothing any more: the start refuses it so that it cannot be silently ignored.</summary>
    public const string RemovedSetting = "Outbox:PublicBaseUrl";

    public PublicUrls(string baseUrl, bool allowHttp = false)
    {
        if (!Uri.TryCreate(baseUrl?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{Setting} = \"{baseUrl}\" không phải là địa chỉ tuyệt đối (ví dụ https://dichvucong.haiphong.gov.vn). / {Setting} = \"{baseUrl}\" is not an absolute address (e.g. https://dichvucong.haiphong.gov.vn).");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !allowHttp)
        {
            throw new InvalidOperationException(
                $"{Setting} = \"{baseUrl}\" phải dùng https:// ngoài môi trường Development. / {Setting} = \"{baseUrl}\" must be an https:// address outside Development.");
        }

        BaseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Host = uri.Host;
    }

    /// <summary>Scheme, host, port and path base, without the trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The host name alone (what host filtering allows).</summary>
    public string Host { get; }

    /// <summary>An absolute link to a path of the portal ("/tra-cuu?ma=…").</summary>
    public string Link(string pathAndQuery) => BaseUrl + "/" + pathAndQuery.TrimStart('/');

    /// <summary>The public lookup page of a dossier (mails, SMS, the QR codes on its forms).</summary>
    public string Lookup(string? dossierCode) => Link("/tra-cuu?ma=" + Uri.EscapeDataString(dossierCode ?? string.Empty));

    /// <summary>
    /// From configuration: required outside Development (there it defaults to <see cref="DevelopmentDefault"/>);
    /// plain http only where the portal itself runs without TLS (Development and the test host).
    /// </summary>
    public static PublicUrls From(IConfiguration configuration, bool development, bool allowHttp)
    {
        if (!string.IsNullOrWhiteSpace(configuration[RemovedSetting]))
        {
            throw new InvalidOperationException(
                $"{RemovedSetting} không còn được dùng: hãy đặt {Setting}. / {RemovedSetting} is no longer read: set {Setting} instead.");
        }

        var configured = configuration[Setting];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!development)
            {
                throw new InvalidOperationException(
                    $"Chưa cấu hình {Setting}: địa chỉ công khai của cổng (ví dụ https://dichvucong.haiphong.gov.vn), dùng cho mọi liên kết trong thư, tin nhắn và mã QR. / {Setting} is not set: the portal's public address (e.g. https://dichvucong.haiphong.gov.vn), used for every link in mails, SMS and QR codes.");
            }

            configured = DevelopmentDefault;
        }

        return new PublicUrls(configured, allowHttp);
    }
}
