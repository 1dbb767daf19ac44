using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Refrain.Sandbox;

/// <summary>Writes answers the way the real services do: JSON in UTF-8, unescaped non-Latin text.</summary>
internal static class Respond
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task JsonAsync(HttpContext context, int status, JsonNode body, bool malformed = false)
    {
        var json = body.ToJsonString(Options);
        return TextAsync(context, status, malformed ? json[..(json.Length / 2)] : json, "application/json; charset=utf-8");
    }

    public static Task TextAsync(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return body.Length == 0 ? Task.CompletedTask : context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>The Web API's error object: <c>{"error": {"status": 404, "message": "..."}}</c>.</summary>
    public static Task SpotifyErrorAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["status"] = status, ["message"] = message } });

    /// <summary>The web service's error object: <c>{"error": "...", "help": "..."}</c>.</summary>
    public static Task MusicBrainzErrorAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, new JsonObject
        {
            ["error"] = message,
            ["help"] = "For usage, please see: https://musicbrainz.org/development/mmd",
        });

    /// <summary>The root URL the client used, for <c>href</c> and <c>next</c> links.</summary>
    public static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
