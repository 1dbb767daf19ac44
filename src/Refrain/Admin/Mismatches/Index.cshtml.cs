using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Accounts;
using Refrain.Rematch;
using Refrain.Storage;

namespace Refrain.Admin.Mismatches;

/// <summary>
/// <c>/admin/duration-mismatches</c>: songs the duration-mismatch re-match left for a human (or, with <c>resolved</c>, those a
/// reviewer decided), filtered by catalog and reason, in keyset pages of <see cref="PageSize"/> by song id.
/// </summary>
internal sealed class IndexModel(RefrainStore store, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The reasons a re-match leaves a song in review.</summary>
    public static readonly IReadOnlyList<string> Reasons =
        [RematchCase.Ambiguous, RematchCase.BelowFloor, RematchCase.CanonicalSuspect, RematchCase.Kept, RematchCase.NoCandidates];

    [BindProperty(SupportsGet = true)]
    public long? Catalog { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Resolved { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public IReadOnlyList<RefrainStore.ReviewItem> Items { get; private set; } = [];

    public IReadOnlyList<RefrainStore.CatalogInfo> Catalogs { get; private set; } = [];

    /// <summary>The song id the next page starts after; null on the last page.</summary>
    public long? Next { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = Caller.From(User).Scope;
        Now = time.GetUtcNow();
        var reason = Reasons.Contains(Reason) ? Reason : null;
        Reason = reason;
        var rows = await store.ListReviewItemsAsync(scope, Catalog, reason, Resolved, After, PageSize + 1, ct);
        Items = rows.Take(PageSize).ToList();
        Next = rows.Count > PageSize ? Items[^1].SongId : null;
        Catalogs = await store.ListCatalogsAsync(scope, null, 200, ct);
    }

    /// <summary>This list's address with the current filters and another page start.</summary>
    public string Link(long? after)
    {
        var query = new Dictionary<string, string?>
        {
            ["catalog"] = Catalog?.ToString(CultureInfo.InvariantCulture),
            ["reason"] = Reason,
            ["resolved"] = Resolved ? "true" : null,
            ["after"] = after?.ToString(CultureInfo.InvariantCulture),
        };
        return "/admin/duration-mismatches" + QueryString.Create(query.Where(p => p.Value is not null));
    }
}
