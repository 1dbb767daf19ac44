using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Refrain.Accounts;
using Refrain.Storage;

namespace Refrain.Admin;

/// <summary>
/// The dashboard's cookie session. It carries the id of the admin key that opened it, never the key; every request
/// re-reads that key so a revoked key (or one no longer admin) ends its sessions at once.
/// </summary>
internal static class AdminSession
{
    public const string Scheme = "AdminCookie";
    public const string Policy = "admin-dashboard";
    public const string CookieName = "refrain_admin";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The presented key's record when it is a live admin key, else null (the caller learns nothing about why).</summary>
    public static async Task<ApiKeyRecord?> CheckAsync(RefrainStore store, string? presented, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(presented?.Trim(), out var id, out var secret))
        {
            return null;
        }

        var key = await store.GetApiKeyAsync(id, ct);
        return key is { Admin: true, RevokedAt: null } && ApiKeys.Matches(secret, key.SecretHash) ? key : null;
    }

    public static ClaimsPrincipal Principal(ApiKeyRecord key) => new(new ClaimsIdentity(
    [
        new Claim(Caller.KeyClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
        new Claim(Caller.AccountClaim, key.AccountId.ToString(CultureInfo.InvariantCulture)),
        new Claim(Caller.AdminClaim, "true"),
        new Claim(ClaimTypes.Name, key.Name ?? $"key {key.Id}"),
    ], Scheme));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claim = context.Principal?.FindFirst(Caller.KeyClaim)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<RefrainStore>();
        var key = long.TryParse(claim, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await store.GetApiKeyAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (key is not { Admin: true, RevokedAt: null })
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
