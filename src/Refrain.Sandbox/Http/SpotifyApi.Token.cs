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

        if (secret != options.ClientSecret)
        {
            await OAuthErrorAsync(context, "invalid_client", "Invalid client secret");
            return;
        }

        if (form["grant_type"].ToString() != "client_credentials")
        {
            await OAuthErrorAsync(context, "unsupported_grant_type", "grant_type parameter is missing or not client_credentials");
            return;
        }

        var (token, expiresIn) = tokens.Issue();
        await Respond.JsonAsync(context, 200, new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn });
    }

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
