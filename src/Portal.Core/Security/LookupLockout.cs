using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Core.Calendar;
using Portal.Core.Data;
using Portal.Core.Links;
using Portal.Core.Notifications;

namespace Portal.Core.Security;

/// <summary>Section "Lookup": the limit per dossier code of the public lookup (the limit per client is in "RateLimits").</summary>
public sealed class LookupOptions
{
    public const string Section = "Lookup";

    /// <summary>Wrong PINs for one existing dossier code, from any clients, within an hour, that close its public lookup for an hour.</summary>
    public int WrongPinsPerCode { get; set; } = 5;
}

/// <summary>
/// The public lookup's limit per dossier code: the per-address rate limit alone lets many addresses share the
/// guessing of one 6-digit PIN. After <see cref="LookupOptions.WrongPinsPerCode"/> wrong PINs for an existing code,
/// whoever typed them, the code is closed to anonymous lookup for <see cref="ClosedFor"/>, the right PIN included, and
/// the owner is told once by mail; signed in, they still follow the dossier under "Hồ sơ của tôi".
/// <para>
/// Only codes that exist are counted: an unknown code answers exactly as before and leaves no row. So the "closed"
/// answer does say that the code exists, to anyone, for the hour after five wrong PINs. That is the trade-off taken:
/// codes are sequential per agency and day and printed on every receipt, the answer names nothing of the dossier, the
/// owner is told, and the alternative (closing unknown codes too) would store a row for every code an attacker makes up.
/// </para>
/// <para>
/// Every wrong PIN counted while the code is closed answers "closed", and a right PIN is shown only after a check made
/// once it was compared: a burst of guesses that all passed the first check learns right-or-wrong for at most the
/// limit of them (see <see cref="Throttle"/>).
/// </para>
/// </summary>
public sealed class LookupLockout(PortalDb db, Throttle throttle, PublicUrls urls, IOptions<LookupOptions> options,
    IOptions<WorkingTimeOptions> workingTime, TimeProvider time)
{
    public const string MailType = "lookup-closed";

    public static readonly TimeSpan ClosedFor = TimeSpan.FromHours(1);

    /// <summary>The owner is told at most once a day, however often the code is closed again.</summary>
    private static readonly TimeSpan MailAtMostEvery = TimeSpan.FromDays(1);

    public static string Key(string code) => "lookup-code:" + code;

    private ThrottlePolicy Policy => ThrottlePolicy.Fixed(Math.Max(1, options.Value.WrongPinsPerCode), ClosedFor, ClosedFor);

    /// <summary>Whether the lookup of <paramref name="code"/> is closed now (after the right PIN was compared, before it is shown).</summary>
    public Task<ThrottleState> CheckAsync(string code, CancellationToken ct) => throttle.CheckAsync(Key(code), ct);

    /// <summary>
    /// Counts a wrong PIN for the existing dossier <paramref name="dossierId"/>. The wrong PIN that closes the code
    /// queues the owner's mail in the same transaction as the count: told once, and never told of an uncounted one.
    /// </summary>
    public async Task<ThrottleState> WrongPinAsync(long dossierId, string code, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var state = await throttle.FailAsync(Key(code), Policy, ct);
        var mail = state.StartedBlock ? await QueueOwnerMailAsync(dossierId, code, state.BlockedUntil!.Value, ct) : null;
        await transaction.CommitAsync(ct);
        if (mail is not null)
        {
            db.SignalCommitted([mail.Id]);
        }

        return state;
    }

    private async Task<OutboxMessage?> QueueOwnerMailAsync(long dossierId, string code, DateTime until, CancellationToken ct)
    {
        var at = time.GetUtcNow().UtcDateTime;
        var owner = await db.Dossiers.Where(d => d.Id == dossierId)
            .Select(d => new
            {
                d.Applicant.FullName,
                d.Applicant.Email,
                Account = db.Users.Where(u => u.Id == d.ApplicantUserId).Select(u => u.Email).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var to = !string.IsNullOrWhiteSpace(owner.Email) ? owner.Email : owner.Account;
        if (string.IsNullOrWhiteSpace(to)
            || await db.Outbox.AnyAsync(m => m.DossierId == dossierId && m.Type == MailType && m.CreatedAt > at - MailAtMostEvery, ct))
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(until, workingTime.Value.ResolveTimeZone()).ToString("HH:mm dd/MM/yyyy", CultureInfo.InvariantCulture);
        var text = $"""
            Kính gửi {owner.FullName},

            Mã tra cứu của hồ sơ {code} vừa bị nhập sai {Policy.Limit} lần trên trang tra cứu công khai. Để bảo vệ hồ sơ, việc tra cứu công khai mã hồ sơ này tạm khóa đến {local}; trong thời gian đó cả mã tra cứu đúng cũng không xem được hồ sơ.

            Bạn vẫn theo dõi hồ sơ bình thường khi đăng nhập Cổng Dịch vụ công, mục "Hồ sơ của tôi": {urls.Link("/ho-so-cua-toi")}

            Nếu chính bạn nhập nhầm, bạn không cần làm gì thêm. Đừng chia sẻ mã tra cứu in trên giấy tiếp nhận với người khác.

            Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.
            """;
        var message = new OutboxMessage(OutboxKind.Email, MailType,
            new EmailPayload(to, $"[{code}] Tra cứu hồ sơ tạm khóa vì nhập sai mã tra cứu", text).Serialize(), dossierId, at);
        db.Outbox.Add(message);
        await db.SaveChangesAsync(ct);
        return message;
    }
}
