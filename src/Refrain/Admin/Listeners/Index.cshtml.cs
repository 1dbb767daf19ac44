using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Accounts;
using Refrain.Storage;

namespace Refrain.Admin.Listeners;

/// <summary><c>/admin/listeners</c>: every listener with sync status, token expiry, possible gaps and enrichment progress.</summary>
internal sealed class IndexModel(RefrainStore store, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<RefrainStore.ListenerOverview> Listeners { get; private set; } = [];

    public long? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        var rows = await store.ListListenerOverviewsAsync(Caller.From(User).Scope, After, PageSize + 1, ct);
        Listeners = rows.Take(PageSize).ToList();
        Next = rows.Count > PageSize ? Listeners[^1].Id : null;
    }
}
