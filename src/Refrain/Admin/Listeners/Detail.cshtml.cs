using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Accounts;
using Refrain.Listening;
using Refrain.Listening.Enrichment;
using Refrain.Listening.Sync;
using Refrain.Storage;

namespace Refrain.Admin.Listeners;

/// <summary>
/// <c>/admin/listeners/{id}</c>: one listener's progress in full (as <c>GET /api/listeners/{id}</c>), its uploads with their
/// counts, and "Sync now" / "Enrich now", which queue exactly what <c>POST /api/listeners/{id}/sync</c> and <c>/enrich</c> queue.
/// </summary>
internal sealed class DetailModel(RefrainStore store) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public ListenerProgress Progress { get; private set; } = null!;

    public IReadOnlyList<ListenUpload> Uploads { get; private set; } = [];

    public long? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await store.GetListenerProgressAsync(id, Caller.From(User).Scope, ct) is not { } progress)
        {
            return NotFound();
        }

        Progress = progress;
        var rows = await store.ListListenUploadsAsync(id, After, PageSize + 1, ct);
        Uploads = rows.Take(PageSize).ToList();
        Next = rows.Count > PageSize ? Uploads[^1].Id : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? task, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (await store.GetListenerAccountAsync(id, caller.Scope, ct) is not { } accountId)
        {
            return NotFound();
        }

        var requestedBy = "dashboard, key " + caller.KeyId.ToString(CultureInfo.InvariantCulture);
        switch (task)
        {
            case "sync":
                var state = await store.GetListenerSyncStateAsync(id, ct);
                if (state is null || ListenerSyncRequest.Refusal(state) is { } refusal)
                {
                    TempData["Error"] = $"Not synced: {(state is null ? $"listener {id} is gone" : ListenerSyncRequest.Refusal(state))}.";
                    break;
                }

                var queued = await store.EnqueueAsync(SyncRecentlyPlayedHandler.For(id, state.AccountId), ct);
                TempData["Notice"] = queued.AlreadyQueued ? $"A sync is already queued (job {queued.JobId})." : $"Sync queued (job {queued.JobId}).";
                break;
            case "enrich":
                var started = await EnrichmentJobs.StartAsync(store, id, accountId, "manual", requestedBy, ct);
                TempData["Notice"] = $"Enrichment started: run {started.RunId}, job {started.JobId}.";
                break;
            default:
                TempData["Error"] = "Choose sync or enrich.";
                break;
        }

        return Redirect($"/admin/listeners/{id}");
    }
}
