using Microsoft.AspNetCore.Http.HttpResults;
using Refrain.Accounts;
using Refrain.Http;
using Refrain.Jobs;
using Refrain.Storage;

namespace Refrain.Notifications;

/// <summary><c>/api/notifications</c>: every stored notification with its delivery per channel; a member key sees its account's only.</summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("List notifications, newest first, with their delivery state per channel");
        return api;
    }

    internal static async Task<Results<Ok<Page<NotificationResponse>>, ProblemHttpResult>> ListAsync(
        Caller caller, RefrainStore store, CancellationToken ct, string? kind = null, int? limit = null, string? cursor = null)
    {
        if (kind is not null && !NotificationKind.All.Contains(kind))
        {
            return ApiProblems.Invalid("kind", $"kind must be one of {string.Join(", ", NotificationKind.All)}");
        }

        if (limit is < 1 or > JobsApi.MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be from 1 to {JobsApi.MaxLimit}");
        }

        var fingerprint = Cursors.Fingerprint("notifications", caller.Scope, kind);
        if (!Cursors.TryDecode(cursor, fingerprint, out var after, out var error))
        {
            return ApiProblems.Invalid("cursor", error);
        }

        var take = limit ?? JobsApi.DefaultLimit;
        var rows = await store.ListNotificationsAsync(caller.Scope, caller.Admin, kind, take + 1, after, ct);
        var items = await NotificationResponse.WithDeliveriesAsync(store, rows.Take(take).ToList(), ct);
        return TypedResults.Ok(new Page<NotificationResponse>(items, rows.Count > take ? Cursors.Encode(items[^1].Id, fingerprint) : null));
    }
}
