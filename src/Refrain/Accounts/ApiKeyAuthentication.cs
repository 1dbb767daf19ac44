using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Refrain.Storage;

namespace Refrain.Accounts;

/// <summary>
/// DESIGN §8: the key in <c>x-api-key</c> or <c>Authorization: Bearer</c>, exactly one; looked up by id, its secret compared
/// in fixed time with the stored hash; revoked keys fail. The key never reaches a log line or an error message.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    RefrainStore store, TimeProvider time, ApiKeyUse use)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "x-api-key";
    private const string FailureKey = "refrain.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headerKeys = Request.Headers[HeaderName];
        var authorization = Request.Headers.Authorization;
        var bearer = authorization.Count == 1 && authorization[0] is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? value["Bearer ".Length..].Trim()
            : null;
        if ((headerKeys.Count > 0) == (authorization.Count > 0))
        {
            return Fail("exactly one of the x-api-key header or Authorization: Bearer is required");
        }

        if (headerKeys.Count > 1)
        {
            return Fail("exactly one x-api-key header is required");
        }

        var presented = headerKeys.Count == 1 ? headerKeys[0] : bearer;
        if (presented is null)
        {
            return Fail("the Authorization header must be 'Bearer <API key>'");
        }

        if (!ApiKeys.TryParse(presented, out var id, out var secret))
        {
            return Fail("the API key is not valid");
        }

        var key = await store.GetApiKeyAsync(id, Context.RequestAborted);
        if (key is null || !ApiKeys.Matches(secret, key.SecretHash) || key.RevokedAt is not null)
        {
            return Fail("the API key is unknown or revoked");
        }

        await use.RecordAsync(key.Id, time.GetUtcNow(), Context.RequestAborted);
        var identity = new ClaimsIdentity(
        [
            new Claim(Caller.KeyClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
            new Claim(Caller.AccountClaim, key.AccountId.ToString(CultureInfo.InvariantCulture)),
            new Claim(Caller.AdminClaim, key.Admin ? "true" : "false"),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items.TryGetValue(FailureKey, out var why) && why is string text ? text : "an API key is required";
        await Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(title: "Not found", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(Context);

    private AuthenticateResult Fail(string detail)
    {
        Context.Items[FailureKey] = detail;
        return AuthenticateResult.Fail(detail);
    }
}

/// <summary>Records a key's last use at most once a minute per key, so a busy key does not write on every request.</summary>
internal sealed class ApiKeyUse(RefrainStore store)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _recorded = new();

    public async Task RecordAsync(long keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_recorded.TryGetValue(keyId, out var last) && now - last < Every)
        {
            return;
        }

        _recorded[keyId] = now;
        await store.TouchApiKeyAsync(keyId, cancellationToken);
    }
}
