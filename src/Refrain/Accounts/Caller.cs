using System.Globalization;
using System.Security.Claims;

namespace Refrain.Accounts;

/// <summary>
/// Who is asking: the key's account, and whether it is an admin key. Admins see every account and system work (account
/// null); a member key sees only its own account, and anything else answers 404.
/// </summary>
public sealed record Caller(long KeyId, long AccountId, bool Admin)
{
    internal const string KeyClaim = "refrain:key";
    internal const string AccountClaim = "refrain:account";
    internal const string AdminClaim = "refrain:admin";

    /// <summary>The account filter for reads: null for an admin (every account), else the caller's own.</summary>
    public long? Scope => Admin ? null : AccountId;

    /// <summary>Whether a row owned by <paramref name="accountId"/> (null = system work) is visible to the caller.</summary>
    public bool CanSee(long? accountId) => Admin || accountId == AccountId;

    public static Caller From(ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(KeyClaim)!, CultureInfo.InvariantCulture),
        long.Parse(user.FindFirstValue(AccountClaim)!, CultureInfo.InvariantCulture),
        user.FindFirstValue(AdminClaim) == "true");

    /// <summary>Lets endpoints take a <see cref="Caller"/> parameter (minimal APIs bind it from the authenticated user).</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(From(context.User));
}
