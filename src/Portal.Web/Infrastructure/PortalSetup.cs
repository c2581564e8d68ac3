using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using Portal.Core.Administration.Accounts;
using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Data;
using Portal.Core.Data.Seeding;
using Portal.Core.Filing;
using Portal.Core.Identity;
using Portal.Core.Notifications;
using Portal.Core.Processing;
using Portal.Core.Security;
using Portal.Core.Statistics;
using Portal.Web.Api;
using Portal.Web.Areas.Citizen;

namespace Portal.Web.Infrastructure;

/// <summary>The composition root: what Program.cs calls, in the order it calls it.</summary>
public static class PortalSetup
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        DemoGuard.RefuseDemoSeed(builder.Environment, portal);
        var dataDirectory = portal.ResolveDataDirectory();
        Directory.CreateDirectory(dataDirectory);
        builder.AddPublicHost();

        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.Configure<WorkingTimeOptions>(configuration.GetSection(WorkingTimeOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CalendarProvider>();

        var database = DatabaseOptions.From(configuration, dataDirectory);
        services.AddPortalDatabase(database);
        services.AddStatistics();
        services.AddCatalogue(configuration, dataDirectory);
        services.AddProxySupport(configuration);

        services.AddIdentity<PortalUser, PortalRole>(o =>
            {
                // ASVS 2.1.1 and 2.1.9: length, not composition (a phrase of words is a good password); 2.1.2 is PasswordLengthCap.
                o.Password.RequiredLength = PasswordLengthCap.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PortalDb>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordLengthCap>()
            .AddErrorDescriber<VietnameseIdentityErrors>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddSignInManager<PortalSignInManager>();
        // After AddEntityFrameworkStores, so that this one is the store every UserManager gets.
        services.AddScoped<IUserStore<PortalUser>, ProtectedUserStore>();
        // PBKDF2-HMAC-SHA512 at 210 000 iterations (ASVS 2.4.3, OWASP); a hash made with fewer is redone at the next sign-in.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount =
            int.TryParse(configuration["Identity:PasswordHashIterations"], CultureInfo.InvariantCulture, out var iterations) && iterations > 0 ? iterations : PasswordLengthCap.HashIterations);
        services.Configure<StaffSignInOptions>(configuration.GetSection(StaffSignInOptions.Section));
        var sessions = configuration.GetSection(StaffSignInOptions.Section).Get<StaffSignInOptions>() ?? new StaffSignInOptions();
        if (sessions.SkipPerRequestStampCheck && !builder.Environment.IsEnvironment(PortalEnvironments.Benchmark))
        {
            throw new InvalidOperationException(
                "Identity:SkipPerRequestStampCheck is accepted only in the Benchmark environment (bench/load/session-ab.sh): without it a signed-out session stays open for up to Identity:SessionCheckInterval. Remove the setting.");
        }
        // A new role or agency reaches open sessions at this interval; a changed security stamp at the next request (SessionValidation).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = sessions.SessionCheckInterval);
        services.AddPortalDataProtection(configuration, builder.Environment);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment);
            SessionValidation.Configure(o, sessions);
        });

        services.AddPortalHangfire(configuration, database, dataDirectory, portal);
        services.AddNotifications(configuration, dataDirectory);
        services.AddProcessing(configuration);
        services.AddAdministration();
        services.AddCitizenPortal(configuration, builder.Environment);
        services.AddAccountAdministration();

        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddControllersWithViews(o =>
        {
            o.Filters.Add<DomainExceptionFilter>();
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
            BindingMessages.UseVietnamese(o.ModelBindingMessageProvider);
        });
        // Every cookie, the language's too: Secure outside Development (the sign-in and antiforgery cookies say so
        // themselves as well), and none is for scripts. SameSite stays each cookie's own (an external sign-in's
        // correlation cookie must be None for the provider's form post).
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = SecureOutsideDevelopment(builder.Environment);
            o.HttpOnly = HttpOnlyPolicy.Always;
        });
        // One year, subdomains included, whatever the public host is called (the default leaves out localhost names).
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portal.af";
            o.Cookie.SecurePolicy = SecureOutsideDevelopment(builder.Environment);
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddPortalRateLimits(configuration);
        services.AddPortalApi(configuration, builder.Environment);
        services.AddThrottle(configuration);
        services.AddSingleton<DeviceCookies>();
        services.AddSingleton<PendingPhones>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<AdminCommand>();
        return builder;
    }

    /// <summary>Cookies travel only over HTTPS in production; Development and the test host run on plain HTTP.</summary>
    private static CookieSecurePolicy SecureOutsideDevelopment(IWebHostEnvironment environment) =>
        PortalEnvironments.IsLocal(environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>
    /// Migrates the database, seeds reference data, syncs the catalogue (and, in Development, seeds the demo) before the first
    /// request; in Production refuses to start while an account still has the demo password.
    /// </summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PortalDb>();
        await DatabaseSetup.MigrateAsync(db);
        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        // Every start, every environment: the catalogue files become procedures and versions (a bad file stops the start here).
        await sp.GetRequiredService<CatalogueSync>().SyncAsync();

        var portal = sp.GetRequiredService<IOptions<PortalOptions>>().Value;
        if (portal.SeedDemo ?? app.Environment.IsDevelopment())
        {
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(portal.DemoDossiers);
            await sp.GetRequiredService<DemoStepPlanner>().PlanAsync();
        }

        await DemoGuard.RefuseDemoPasswordsAsync(app.Environment, db, sp.GetRequiredService<IPasswordHasher<PortalUser>>());

        await BaselineEndpoints.PrepareAsync(app);
        var recurring = sp.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<SweepOutboxJob>(SweepOutboxJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<PurgeOutboxJob>(PurgeOutboxJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Daily(3, 20));
        ProcessingSetup.AddRecurringJobs(recurring, sp);
        recurring.AddOrUpdate<CleanDraftsJob>(CleanDraftsJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Daily(2));
        recurring.AddOrUpdate<CatalogueSync>(CatalogueSync.RefreshRecurringId, s => s.RefreshInForceAsync(CancellationToken.None), Cron.Hourly());
        recurring.AddOrUpdate<CleanThrottleCountersJob>(CleanThrottleCountersJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(17));
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseProxySupport();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeaders>();
        if (!PortalEnvironments.IsLocal(app.Environment))
        {
            app.UseMiddleware<HttpsOnly>();
        }

        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        app.UseStaticFiles();
        app.UseMiddleware<NoStore>();
        app.UseCookiePolicy();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<ApiPipeline>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AccountGate>();
        app.UseAuthorization();

        app.UseMiddleware<DashboardCommandsArePostOnly>();
        app.MapHangfireDashboard(DashboardCommandsArePostOnly.Path, new DashboardOptions
        {
            Authorization = [new AdminDashboardFilter()],
            DashboardTitle = "Hangfire – Cổng Dịch vụ công",
            AppPath = "/",
        });
        app.MapBaselineEndpoints();
        app.MapPortalApi();
        app.MapControllerRoute("areas", "{area:exists}/{controller=Home}/{action=Index}/{id?}");
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
