using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Refrain.Sandbox;

internal sealed partial class SpotifyApi
{
    private async Task TokenAsync(HttpContext context)
    {
        stats.Count(SandboxEndpoints.Token);
        var admission = await accounts.AdmitAsync(context);
        if (admission == Admission.Refused)
        {
            return;
        }

        var malformed = admission == Admission.Malformed;
        if (!context.Request.HasFormContentType)
        {
            await OAuthErrorAsync(context, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (id, secret) = Credentials(context.Request.Headers.Authorization.ToString(), form);
        if (id != options.ClientId)
        {
            await OAuthErrorAsync(context, "invalid_client", "Invalid client");
            return;
        }

        // PKCE clients send no secret with the code and refresh grants; a secret that does come must be the right one.
        var grantType = form["grant_type"].ToString();
        var userGrant = grantType is "authorization_code" or "refresh_token";
        if ((!userGrant || !string.IsNullOrEmpty(secret)) && secret != options.ClientSecret)
        {
            await OAuthErrorAsync(context, "invalid_client", "Invalid client secret");
            return;
        }

        var authenticated = secret == options.ClientSecret;
        switch (grantType)
        {
            case "client_credentials":
                var (token, expiresIn) = tokens.Issue();
                await Respond.JsonAsync(context, 200, new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn }, malformed);
                return;
            case "authorization_code":
                await AuthorizationCodeAsync(context, form, authenticated, malformed);
                return;
            case "refresh_token":
                await RefreshAsync(context, form, authenticated, malformed);
                return;
            default:
                await OAuthErrorAsync(context, "unsupported_grant_type", "grant_type parameter is missing or not client_credentials, authorization_code or refresh_token");
                return;
        }
    }

    private async Task AuthorizationCodeAsync(HttpContext context, IFormCollection form, bool authenticated, bool malformed)
    {
        var (grant, refreshToken, error, description) = grants.Redeem(
            form["code"].ToString(), form["redirect_uri"].ToString(), form["code_verifier"].ToString(), authenticated);
        if (grant is null)
        {
            await OAuthErrorAsync(context, error!, description!);
            return;
        }

        var body = UserToken(grant);
        body["refresh_token"] = refreshToken;
        await Respond.JsonAsync(context, 200, body, malformed);
    }

    private async Task RefreshAsync(HttpContext context, IFormCollection form, bool authenticated, bool malformed)
    {
        var (grant, rotated, error, description) = grants.Refresh(form["refresh_token"].ToString(), authenticated);
        if (grant is null)
        {
            await OAuthErrorAsync(context, error!, description!);
            return;
        }

        var body = UserToken(grant);
        if (rotated is not null)
        {
            body["refresh_token"] = rotated;
        }

        await Respond.JsonAsync(context, 200, body, malformed);
    }

    private JsonObject UserToken(UserGrant grant)
    {
        var (token, expiresIn) = tokens.Issue(grant.User, Scopes(grant.Scope));
        return new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["scope"] = grant.Scope, ["expires_in"] = expiresIn };
    }

    private static HashSet<string> Scopes(string scope) => new(scope.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Client credentials from HTTP Basic, else from the form (Spotify accepts both).</summary>
    private static (string? Id, string? Secret) Credentials(string authorization, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(authorization, out var header) && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter)).Split(':', 2);
                return (pair[0], pair.Length > 1 ? pair[1] : null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static Task OAuthErrorAsync(HttpContext context, string error, string description) =>
        Respond.JsonAsync(context, 400, new JsonObject { ["error"] = error, ["error_description"] = description });
}
