using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Storage;

namespace Refrain.Providers;

/// <summary><c>/api/providers</c>: each provider's rate limit and pause; admins pause and resume them.</summary>
public static class ProvidersApi
{
    public static RouteGroupBuilder MapProvidersApi(this RouteGroupBuilder api)
    {
        var providers = api.MapGroup("/providers").WithTags("Providers");
        providers.MapGet("/", ListAsync).WithName("ListProviders").WithSummary("Each provider's rate limit, requests available now, and pause with its reason");
        providers.MapPost("/{name}/pause", PauseAsync).WithName("PauseProvider")
            .WithSummary("Pause a provider until a time (admin key): its jobs wait without spending attempts");
        providers.MapPost("/{name}/resume", ResumeAsync).WithName("ResumeProvider").WithSummary("End a provider's pause now (admin key)");
        return api;
    }

    internal static async Task<Ok<Page<ProviderResponse>>> ListAsync(RefrainStore store, ProviderGate gate, TimeProvider time, CancellationToken ct)
    {
        var pauses = (await store.ListProviderPausesAsync(ct)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var names = ProviderNames.Known.Concat(gate.Providers.Keys).Concat(pauses.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var items = new List<ProviderResponse>();
        foreach (var name in names)
        {
            items.Add(await DescribeAsync(name, gate, pauses.GetValueOrDefault(name), time.GetUtcNow(), ct));
        }

        return TypedResults.Ok(new Page<ProviderResponse>(items, null));
    }

    internal static async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> PauseAsync(
        string name, PauseRequest request, Caller caller, RefrainStore store, ProviderGate gate, TimeProvider time, CancellationToken ct)
    {
        if (Refuse(caller, name) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        if (request.Until <= now)
        {
            return ApiProblems.Invalid("until", "until must be in the future");
        }

        await gate.PauseAsync(name, request.Until, ct);
        return TypedResults.Ok(await DescribeAsync(name, gate, await store.GetProviderPauseAsync(name, ct), now, ct));
    }

    internal static async Task<Results<Ok<ProviderResponse>, ProblemHttpResult>> ResumeAsync(
        string name, Caller caller, RefrainStore store, ProviderGate gate, TimeProvider time, CancellationToken ct)
    {
        if (Refuse(caller, name) is { } refused)
        {
            return refused;
        }

        await gate.ResumeAsync(name, ct);
        return TypedResults.Ok(await DescribeAsync(name, gate, await store.GetProviderPauseAsync(name, ct), time.GetUtcNow(), ct));
    }

    /// <summary>Pausing is an operator's act: member keys are refused; an unknown provider is a 404.</summary>
    private static ProblemHttpResult? Refuse(Caller caller, string name)
    {
        if (!caller.Admin)
        {
            return TypedResults.Problem(title: "Forbidden", detail: "pausing and resuming providers requires an admin key", statusCode: StatusCodes.Status403Forbidden);
        }

        return ProviderNames.Known.Contains(name, StringComparer.Ordinal) ? null : ApiProblems.NotFound($"provider '{name}'");
    }

    private static async Task<ProviderResponse> DescribeAsync(string name, ProviderGate gate, ProviderPause? pause, DateTimeOffset now, CancellationToken ct)
    {
        var options = gate.OptionsFor(name);
        var paused = pause?.IsPausedAt(now) == true;
        int? available = options.RequestsPerWindow > 0 ? await gate.AvailableAsync(name, ct) : null;
        var off = gate.Off.TryGetValue(name, out var reason);
        return new ProviderResponse(name, options.RequestsPerWindow, options.Window.TotalSeconds, available, !off, off ? reason : null,
            paused, paused ? pause!.PausedUntil : null, paused ? pause!.Reason : null);
    }
}
