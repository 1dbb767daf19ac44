using Microsoft.AspNetCore.Http.HttpResults;

namespace Refrain.Http;

/// <summary>RFC 9457 problem details the API answers with; a 400 names the offending field in <c>field</c>.</summary>
public static class ApiProblems
{
    /// <summary>400: <paramref name="field"/> (snake_case, as on the wire) and what is wrong with it.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>404 for a resource that does not exist or belongs to another account (never 403, never the data).</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found", detail: $"{what} was not found", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
