using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Refrain.Http;

/// <summary>
/// Turns what escapes an endpoint into a problem detail: a bad body or parameter is a 400 naming the member, an oversized
/// body a 413, anything else a 500 that says where to look (the log, by trace id) and never carries a stack trace.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        IResult problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Results.Problem(title: "Request body too large", detail: bad.Message, statusCode: StatusCodes.Status413PayloadTooLarge)
                : Describe(bad);
        }
        else if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        else if (exception is Billing.BillingException billing)
        {
            // The payment provider could not decide (unreachable, refused our key): an upstream failure, not ours; the
            // message is written to carry no secret.
            ApiLog.Unhandled(logger, context.Request.Method, context.Request.Path, context.TraceIdentifier, exception);
            problem = Results.Problem(title: "Payment provider unavailable", detail: billing.Message, statusCode: StatusCodes.Status502BadGateway);
        }
        else
        {
            ApiLog.Unhandled(logger, context.Request.Method, context.Request.Path, context.TraceIdentifier, exception);
            problem = Results.Problem(title: "Internal error",
                detail: $"The request failed on the server; its log has the details under trace id {context.TraceIdentifier}.",
                statusCode: StatusCodes.Status500InternalServerError);
        }

        await problem.ExecuteAsync(context);
        return true;
    }

    private static IResult Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var (field, detail) = DescribeJson(json);
            return ApiProblems.Invalid(field, detail);
        }

        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            var field = JsonNamingPolicy.SnakeCaseLower.ConvertName(bind.Groups[2].Value);
            var value = bind.Groups[3].Value is { Length: > 40 } text ? text[..40] + "…" : bind.Groups[3].Value;
            return ApiProblems.Invalid(field, $"'{field}' must be {Expected(bind.Groups[1].Value)}, not \"{value}\"");
        }

        return Results.Problem(title: "Invalid request", detail: bad.Message, statusCode: bad.StatusCode);
    }

    /// <summary>The member a JSON error is about, as on the wire, and a sentence a client can act on.</summary>
    internal static (string Field, string Detail) DescribeJson(JsonException json)
    {
        var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : json.Path?.TrimStart('$') ?? "";
        var message = json.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            var member = unmapped.Groups[1].Value;
            var parent = path.Contains('.', StringComparison.Ordinal) ? path[..path.LastIndexOf('.')] + "." : "";
            return ($"{parent}{member}", $"unknown member '{parent}{member}'");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return (missing.Groups[1].Value, $"missing required member '{missing.Groups[1].Value}'");
        }

        if (WrongType().Match(message) is { Success: true } wrong)
        {
            return (path, $"{(path.Length == 0 ? "the body" : $"'{path}'")} must be {Expected(wrong.Groups[1].Value)}");
        }

        return (path, path.Length == 0 ? "the body is not valid JSON" : $"'{path}' is not valid JSON");
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int", StringComparison.Ordinal) => "an integer",
        _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("String", StringComparison.Ordinal) => "a string",
        _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
        _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "an array",
        _ => "an object of the documented shape",
    };

    [GeneratedRegex("^Failed to bind parameter \"(.+) ([A-Za-z0-9_]+)\" from \"(.*)\"\\.$")]
    private static partial Regex BindFailure();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("missing required properties,? including: '([^']+)'")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("could not be converted to ([^.]+(?:\\.[^.\\s]+)*)\\. Path")]
    private static partial Regex WrongType();
}
