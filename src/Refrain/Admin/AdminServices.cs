using Microsoft.AspNetCore.Authentication.Cookies;
using Refrain.Accounts;

namespace Refrain.Admin;

/// <summary>
/// The dashboard under <c>/admin</c> (DESIGN §8): Razor Pages rendered on the server, one folder per capability under
/// <c>Admin/</c>, each page naming its absolute <c>/admin/...</c> route. A session is a cookie obtained by presenting an
/// admin API key; every form carries an antiforgery token (Razor Pages validate it on every POST and answer 400 when it
/// is missing or tampered with).
/// </summary>
public static class AdminServices
{
    public static IServiceCollection AddRefrainAdmin(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Admin";
            o.Conventions.AuthorizeFolder("/", AdminSession.Policy);
            o.Conventions.AllowAnonymousToPage("/Login/Login");
        }).AddApplicationPart(typeof(AdminServices).Assembly); // the pages live here even when the host is a test runner
        services.AddAuthentication().AddCookie(AdminSession.Scheme, o =>
        {
            o.Cookie.Name = AdminSession.CookieName;
            o.Cookie.Path = "/admin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/admin/login";
            o.AccessDeniedPath = "/admin/login";
            o.ExpireTimeSpan = AdminSession.Lifetime;
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = AdminSession.ValidateAsync };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminSession.Policy, p => p
            .AddAuthenticationSchemes(AdminSession.Scheme)
            .RequireClaim(Caller.AdminClaim, "true"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "refrain_admin_af";
            o.Cookie.Path = "/admin";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });
        return services;
    }

    public static WebApplication MapRefrainAdmin(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
