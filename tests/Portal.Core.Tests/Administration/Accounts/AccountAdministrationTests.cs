using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Administration.Accounts;
using Portal.Core.Audit;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Core.Tests.Administration.Accounts;

/// <summary>The account use cases against the real database: who may do what to whom, what is saved, what is audited.</summary>
public sealed class AccountAdministrationTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Now));
    private TestDatabase _database = null!;
    private int _agencyX;
    private int _agencyY;
    private Guid _adminId;
    private Guid _leaderXId;

    private AccountScope Admin => AccountScope.For(new OfficialContext(_adminId, "Quản trị", new HashSet<string> { Roles.Admin }, null, "127.0.0.1"));

    private AccountScope LeaderX => AccountScope.For(new OfficialContext(_leaderXId, "Lãnh đạo X", new HashSet<string> { Roles.Leader }, _agencyX, "127.0.0.1"));

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext();
        foreach (var role in Roles.All)
        {
            db.Roles.Add(new PortalRole(role));
        }

        var x = new Agency("000.20.91.H31", "UBND phường Thử X", AgencyLevel.Commune);
        var y = new Agency("000.20.92.H31", "UBND phường Thử Y", AgencyLevel.Commune);
        db.Agencies.AddRange(x, y);
        await db.SaveChangesAsync();
        _agencyX = x.Id;
        _agencyY = y.Id;
        _adminId = Guid.NewGuid();
        _leaderXId = Guid.NewGuid();
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private async Task<Guid> CreateAsync(AccountScope scope, string email, int? agency, params string[] roles)
    {
        await using var db = _database.NewContext();
        return await new CreateOfficialAccount(db, new UpperInvariantLookupNormalizer(), _time, new AuditTrail(db, _time))
            .HandleAsync(new CreateOfficialAccount.Command("Nguyễn Thị Thử", email, "0912 345 678", agency, roles), scope, CancellationToken.None);
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDb, Task<T>> work)
    {
        await using var db = _database.NewContext();
        return await work(db);
    }

    private Task<string> StampAsync(Guid id) => WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());

    [Fact]
    public async Task An_administrator_creates_an_official_without_a_password_with_its_invitation_and_audit_line_in_one_save()
    {
        var id = await CreateAsync(Admin, "Can.Bo@Example.vn", _agencyX, Roles.Handler, Roles.Reception);

        await using var db = _database.NewContext();
        var user = await db.Users.SingleAsync(u => u.Id == id);
        Assert.Null(user.PasswordHash);
        Assert.Equal("can.bo@example.vn", user.Email);
        Assert.Equal("CAN.BO@EXAMPLE.VN", user.NormalizedEmail);
        Assert.Equal("0912345678", user.PhoneNumber);
        Assert.Equal(_agencyX, user.AgencyId);
        Assert.Equal([Roles.Handler, Roles.Reception], await AccountScope.RolesOfAsync(db, id, CancellationToken.None));
        var invitation = await db.Outbox.SingleAsync(m => m.Kind == OutboxKind.AccountInvitation);
        Assert.Contains(id.ToString(), invitation.Payload, StringComparison.Ordinal);
        var audit = await db.AuditTrail.SingleAsync(a => a.Action == AccountAuditActions.Create);
        Assert.Equal(_adminId, audit.UserId);
        Assert.Equal(Now, audit.At);
        Assert.Contains("can.bo@example.vn", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("roles: Handler,Reception", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(48, "trong 2 ngày để đặt mật khẩu")]
    [InlineData(12, "trong 12 giờ để đặt mật khẩu")]
    public void The_invitation_promises_the_reset_link_for_exactly_the_token_lifespan_in_Vietnamese(int hours, string promise)
    {
        var user = new PortalUser { FullName = "Nguyễn Thị Thử", Email = "thu@example.vn" };

        var text = AccountInvitation.Text(user, "https://dichvucong.example.vn/Account/ResetPassword?userId=1&code=abc", TimeSpan.FromHours(hours));

        Assert.StartsWith("Kính gửi Nguyễn Thị Thử,", text, StringComparison.Ordinal);
        Assert.Contains(promise, text, StringComparison.Ordinal);
        Assert.Contains("\nhttps://dichvucong.example.vn/Account/ResetPassword?userId=1&code=abc\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Cổng Dịch vụ công – thư tự động, vui lòng không trả lời.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_account_with_the_same_address_is_refused_on_the_email_field()
    {
        await CreateAsync(Admin, "trung@example.vn", _agencyX, Roles.Handler);

        var refused = await Assert.ThrowsAsync<AccountFormException>(() => CreateAsync(Admin, "TRUNG@example.vn", _agencyY, Roles.Handler));

        Assert.Equal("Email", refused.Field);
        Assert.Equal(1, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_agency_leader_may_not_give_the_leader_or_admin_role_nor_create_an_account_at_another_agency()
    {
        var leaderRole = await Assert.ThrowsAsync<AccountFormException>(() => CreateAsync(LeaderX, "lanhdao2@example.vn", _agencyX, Roles.Leader));
        var admin = await Assert.ThrowsAsync<AccountFormException>(() => CreateAsync(LeaderX, "qt@example.vn", null, Roles.Admin));
        var otherAgency = await Assert.ThrowsAsync<AccountFormException>(() => CreateAsync(LeaderX, "y@example.vn", _agencyY, Roles.Handler));

        Assert.Contains("lãnh đạo hoặc quản trị", leaderRole.Message, StringComparison.Ordinal);
        Assert.Contains("lãnh đạo hoặc quản trị", admin.Message, StringComparison.Ordinal);
        Assert.Contains("cơ quan mình", otherAgency.Message, StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task An_agency_leader_reaches_the_officials_of_their_agency_only_and_no_leader_account()
    {
        var ownOfficial = await CreateAsync(LeaderX, "x@example.vn", _agencyX, Roles.Approver);
        var otherAgency = await CreateAsync(Admin, "y@example.vn", _agencyY, Roles.Handler);
        var leaderOfX = await CreateAsync(Admin, "lanhdao.x@example.vn", _agencyX, Roles.Leader);

        await using var db = _database.NewContext();
        var (found, _) = await LeaderX.FindAsync(db, ownOfficial, CancellationToken.None);
        Assert.Equal(ownOfficial, found.Id);
        await Assert.ThrowsAsync<AccountNotFoundException>(() => LeaderX.FindAsync(db, otherAgency, CancellationToken.None));
        await Assert.ThrowsAsync<AccountNotFoundException>(() => LeaderX.FindAsync(db, leaderOfX, CancellationToken.None));
        var listed = await new OfficialAccounts(db, _time, SignIn(db)).ListAsync(LeaderX, null, null, AccountStatusFilter.All, null, CancellationToken.None);
        Assert.Equal([ownOfficial], listed.Rows.Select(r => r.Id));
        var all = await new OfficialAccounts(db, _time, SignIn(db)).ListAsync(Admin, null, null, AccountStatusFilter.All, null, CancellationToken.None);
        Assert.Equal(3, all.Rows.Count);
    }

    [Fact]
    public void A_leader_without_an_agency_and_an_official_may_not_manage_accounts_at_all()
    {
        Assert.Throws<ActionNotPermittedException>(() =>
            AccountScope.For(new OfficialContext(Guid.NewGuid(), "Lãnh đạo tỉnh", new HashSet<string> { Roles.Leader }, null, null)));
        Assert.Throws<ActionNotPermittedException>(() =>
            AccountScope.For(new OfficialContext(Guid.NewGuid(), "Chuyên viên", new HashSet<string> { Roles.Handler }, _agencyX, null)));
    }

    [Fact]
    public async Task Deactivating_changes_the_security_stamp_so_sessions_end_and_the_trail_says_before_and_after()
    {
        var id = await CreateAsync(LeaderX, "nghi@example.vn", _agencyX, Roles.Handler);
        var before = await WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());

        await using (var db = _database.NewContext())
        {
            await new DeactivateAccount(db, _time, new AuditTrail(db, _time)).HandleAsync(new DeactivateAccount.Command(id, await StampAsync(id)), LeaderX, CancellationToken.None);
        }

        await using var check = _database.NewContext();
        var user = await check.Users.SingleAsync(u => u.Id == id);
        Assert.Equal(Now, user.DeactivatedAt);
        Assert.NotEqual(before, user.SecurityStamp);
        var audit = await check.AuditTrail.SingleAsync(a => a.Action == AccountAuditActions.Deactivate);
        Assert.Equal(_leaderXId, audit.UserId);
        Assert.Contains("status: active → deactivated", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_rendered_before_someone_else_changed_the_account_is_refused_and_nothing_changes()
    {
        var id = await CreateAsync(Admin, "cu@example.vn", _agencyX, Roles.Handler);

        await using var db = _database.NewContext();
        await Assert.ThrowsAsync<DomainException>(() =>
            new DeactivateAccount(db, _time, new AuditTrail(db, _time)).HandleAsync(new DeactivateAccount.Command(id, "999999"), Admin, CancellationToken.None));
        await Assert.ThrowsAsync<DomainException>(() =>
            new DeactivateAccount(db, _time, new AuditTrail(db, _time)).HandleAsync(new DeactivateAccount.Command(id, null), Admin, CancellationToken.None));

        Assert.Null(await WithDbAsync(db2 => db2.Users.Where(u => u.Id == id).Select(u => u.DeactivatedAt).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_does_not_deactivate_their_own_account()
    {
        var self = await CreateAsync(Admin, "qt.moi@example.vn", null, Roles.Admin);
        var scope = AccountScope.For(new OfficialContext(self, "Quản trị mới", new HashSet<string> { Roles.Admin }, null, null));

        var stamp = await StampAsync(self);
        await using var db = _database.NewContext();
        await Assert.ThrowsAsync<DomainException>(() =>
            new DeactivateAccount(db, _time, new AuditTrail(db, _time)).HandleAsync(new DeactivateAccount.Command(self, stamp), scope, CancellationToken.None));
    }

    [Fact]
    public async Task Changing_roles_and_agency_writes_both_before_and_after_in_the_trail()
    {
        var id = await CreateAsync(Admin, "doi@example.vn", _agencyX, Roles.Handler);

        await using (var db = _database.NewContext())
        {
            await new ChangeAccountAssignment(db, new AuditTrail(db, _time)).HandleAsync(
                new ChangeAccountAssignment.Command(id, await StampAsync(id), _agencyY, [Roles.Approver, Roles.Handler]), Admin, CancellationToken.None);
        }

        await using var check = _database.NewContext();
        Assert.Equal([Roles.Approver, Roles.Handler], await AccountScope.RolesOfAsync(check, id, CancellationToken.None));
        var detail = await check.AuditTrail.Where(a => a.Action == AccountAuditActions.ChangeAssignment).Select(a => a.Detail).SingleAsync();
        Assert.Contains("roles: Handler → Approver,Handler", detail, StringComparison.Ordinal);
        Assert.Contains($"agency: {_agencyX} → {_agencyY}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_two_factor_turns_it_off_and_removes_the_authenticator_key_and_the_recovery_codes()
    {
        var id = await CreateAsync(Admin, "hai.buoc@example.vn", _agencyX, Roles.Reception);
        await using (var db = _database.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.TwoFactorEnabled = true;
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = id, LoginProvider = ResetTwoFactor.TokenProvider, Name = "AuthenticatorKey", Value = "KEY" });
            db.UserTokens.Add(new IdentityUserToken<Guid> { UserId = id, LoginProvider = ResetTwoFactor.TokenProvider, Name = "RecoveryCodes", Value = "a;b" });
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            await new ResetTwoFactor(db, new AuditTrail(db, _time)).HandleAsync(new ResetTwoFactor.Command(id, await StampAsync(id)), Admin, CancellationToken.None);
        }

        await using var check = _database.NewContext();
        Assert.False(await check.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync());
        Assert.False(await check.UserTokens.AnyAsync(t => t.UserId == id));
        Assert.Contains("2fa: on → off", await check.AuditTrail.Where(a => a.Action == AccountAuditActions.ResetTwoFactor).Select(a => a.Detail).SingleAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlocking_lifts_the_lockout_and_forcing_a_change_sets_the_flag_each_with_its_audit_line()
    {
        var id = await CreateAsync(Admin, "khoa@example.vn", _agencyX, Roles.Handler);
        await using (var db = _database.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.LockoutEnd = new DateTimeOffset(Now.AddMinutes(10));
            user.AccessFailedCount = 5;
            user.PasswordHash = "hash";
            await db.SaveChangesAsync();
        }

        await using (var db = _database.NewContext())
        {
            var locked = await new OfficialAccounts(db, _time, SignIn(db)).ListAsync(Admin, null, null, AccountStatusFilter.Locked, null, CancellationToken.None);
            Assert.Equal([id], locked.Rows.Select(r => r.Id));
            await new UnlockAccount(db, _time, new AuditTrail(db, _time), SignIn(db)).HandleAsync(new UnlockAccount.Command(id, await StampAsync(id)), Admin, CancellationToken.None);
        }

        await using (var db = _database.NewContext())
        {
            await new ForcePasswordChange(db, new AuditTrail(db, _time)).HandleAsync(new ForcePasswordChange.Command(id, await StampAsync(id)), Admin, CancellationToken.None);
        }

        await using var check = _database.NewContext();
        var after = await check.Users.SingleAsync(u => u.Id == id);
        Assert.Null(after.LockoutEnd);
        Assert.Equal(0, after.AccessFailedCount);
        Assert.True(after.MustChangePassword);
        Assert.Equal(2, await check.AuditTrail.CountAsync(a => a.Action == AccountAuditActions.Unlock || a.Action == AccountAuditActions.ForcePasswordChange));
    }

    [Fact]
    public async Task The_list_pages_by_address_and_searches_names_and_addresses()
    {
        for (var i = 0; i < OfficialAccounts.PageSize + 3; i++)
        {
            await CreateAsync(Admin, $"cb{i:000}@example.vn", _agencyX, Roles.Handler);
        }

        await using var db = _database.NewContext();
        var list = new OfficialAccounts(db, _time, SignIn(db));
        var first = await list.ListAsync(Admin, null, null, AccountStatusFilter.All, null, CancellationToken.None);
        var second = await list.ListAsync(Admin, null, null, AccountStatusFilter.All, first.Next, CancellationToken.None);
        var found = await list.ListAsync(Admin, "cb007", null, AccountStatusFilter.Invited, null, CancellationToken.None);

        Assert.Equal(OfficialAccounts.PageSize, first.Rows.Count);
        Assert.Equal(3, second.Rows.Count);
        Assert.Null(second.Next);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.Equal("cb007@example.vn", Assert.Single(found.Rows).Email);
    }

    [Fact]
    public void The_validator_names_every_missing_field_in_Vietnamese_and_English()
    {
        var errors = new CreateOfficialAccount.Validator().Validate(new CreateOfficialAccount.Command("", "khong-phai-thu", "123", null, [Roles.Handler, "Boss"])).Errors;

        Assert.Contains(errors, e => e.PropertyName == "FullName" && e.ErrorMessage.StartsWith("Nhập họ và tên", StringComparison.Ordinal) && e.ErrorMessage.Contains(" / Enter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.PropertyName == "Email");
        Assert.Contains(errors, e => e.PropertyName == "Phone");
        Assert.Contains(errors, e => e.PropertyName == "Roles");
        Assert.Contains(errors, e => e.PropertyName == "AgencyId");
    }

    private SignInThrottle SignIn(PortalDb db) => new(new Throttle(db, _time), Microsoft.Extensions.Options.Options.Create(new SignInThrottleOptions()));
}
