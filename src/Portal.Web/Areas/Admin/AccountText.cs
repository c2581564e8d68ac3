using Portal.Core.Administration.Accounts;
using Portal.Core.Dossiers;
using Portal.Web.Infrastructure;

namespace Portal.Web.Areas.Admin;

/// <summary>Labels of the account pages, in the page's language.</summary>
public static class AccountText
{
    public static string Role(string role) => Bilingual.T(Roles.Vietnamese(role), role);

    public static string Status(AccountStatusFilter status) => status switch
    {
        AccountStatusFilter.Active => Bilingual.T("Đang hoạt động", "Active"),
        AccountStatusFilter.Deactivated => Bilingual.T("Đã vô hiệu hóa", "Deactivated"),
        AccountStatusFilter.Locked => Bilingual.T("Đang bị khóa", "Locked"),
        AccountStatusFilter.WithoutTwoFactor => Bilingual.T("Chưa bật xác thực hai bước", "Two-step verification off"),
        AccountStatusFilter.MustChangePassword => Bilingual.T("Phải đổi mật khẩu", "Must change password"),
        AccountStatusFilter.Invited => Bilingual.T("Chưa đặt mật khẩu (đã mời)", "Invited, no password yet"),
        _ => Bilingual.T("Tất cả", "All"),
    };
}
