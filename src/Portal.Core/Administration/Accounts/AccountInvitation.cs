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
public sealed class AccountInvitation(UserManager<PortalUser> users, IMailSender sender, PublicUrls urls, IOptions<MailOptions> mail)
    : IOutboxHandler
{
    public const string Type = "account-invitation";

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
        var mime = new MimeMessage { Subject = "Tài khoản cán bộ trên Cổng Dịch vụ công / Your official account", MessageId = $"outbox-{message.Id}@dichvucong" };
        mime.From.Add(MailboxAddress.Parse(mail.Value.From));
        mime.To.Add(MailboxAddress.Parse(user.Email));
        mime.Body = new TextPart("plain")
        {
            Text = $"""
                Kính gửi {user.FullName},

                Tài khoản cán bộ của bạn trên Cổng Dịch vụ công đã được tạo với địa chỉ {user.Email}.
                Mở liên kết sau để đặt mật khẩu (liên kết có hiệu lực một ngày; quá hạn, đề nghị quản trị gửi lại):
                {link}

                Your official account on the public service portal has been created for {user.Email}.
                Open the link above to choose your password (valid for one day; ask your administrator to send it again after that).

                Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.
                """,
        };
        await sender.SendAsync(mime, $"outbox-{message.Id}", ct);
    }

    private sealed record Payload(Guid UserId);
}
