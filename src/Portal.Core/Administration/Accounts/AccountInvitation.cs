using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Data;
using Portal.Core.Identity;
using Portal.Core.Links;
using Portal.Core.Notifications;

namespace Portal.Core.Administration.Accounts;

/// <summary>
/// The invitation to an official account: an outbox row (saved with the account's creation or the resend) that this
/// handler turns into a mail with a set-password link. The link carries an Identity password-reset token made when
/// the mail is sent, so no token is ever stored, and its address comes from the configured public base URL, never
/// from a request. An account that already has a password, or is deactivated, gets nothing.
/// </summary>
public sealed class AccountInvitation(
    UserManager<PortalUser> users, IMailSender sender, PublicUrls urls, IOptions<MailOptions> mail, IOptions<DataProtectionTokenProviderOptions> tokens)
    : IOutboxHandler
{
    public const string Type = "account-invitation";

    /// <summary>Worded as the portal's other account mails (confirmation, password reset): Vietnamese, no English line.</summary>
    public const string Subject = "Tài khoản cán bộ Cổng Dịch vụ công";

    public OutboxKind Kind => OutboxKind.AccountInvitation;

    public static OutboxMessage For(PortalUser user, DateTime at) =>
        new(OutboxKind.AccountInvitation, Type, JsonSerializer.Serialize(new Payload(user.Id), StatusChangedPayload.Json), null, at);

    public async Task HandleAsync(OutboxMessage message, PortalDb db, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(message.Payload, StatusChangedPayload.Json) ?? throw new InvalidOperationException("Empty invitation.");
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == payload.UserId, ct);
        if (user is null || user.PasswordHash is not null || user.IsDeactivated || string.IsNullOrEmpty(user.Email))
        {
            return;
        }

        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = urls.Link($"/Account/ResetPassword?userId={user.Id}&code={code}");
        var mime = new MimeMessage { Subject = Subject, MessageId = $"outbox-{message.Id}@dichvucong" };
        mime.From.Add(MailboxAddress.Parse(mail.Value.From));
        mime.To.Add(MailboxAddress.Parse(user.Email));
        mime.Body = new TextPart("plain") { Text = Text(user, link, tokens.Value.TokenLifespan) };
        await sender.SendAsync(mime, $"outbox-{message.Id}", ct);
    }

    /// <summary>The validity is the reset token's own lifespan, so the mail cannot promise more or less than the link keeps.</summary>
    internal static string Text(PortalUser user, string link, TimeSpan validFor) =>
        $"Kính gửi {user.FullName},\n\n"
        + $"Tài khoản cán bộ của bạn trên Cổng Dịch vụ công đã được tạo với địa chỉ {user.Email}. "
        + $"Mở liên kết sau trong {Duration(validFor)} để đặt mật khẩu:\n{link}\n\n"
        + "Quá hạn, đề nghị quản trị viên gửi lại thư mời. Nếu bạn không phải cán bộ được mời, hãy bỏ qua thư này.\n\n"
        + "Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.";

    private static string Duration(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? $"{span.TotalDays:0} ngày"
        : $"{Math.Ceiling(span.TotalHours):0} giờ";

    private sealed record Payload(Guid UserId);
}
