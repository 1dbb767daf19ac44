using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Notifications;
using Refrain.Storage;

namespace Refrain.Admin.Notifications;

/// <summary><c>/admin/notifications</c>: every notification newest first, by kind, with its delivery state per channel.</summary>
internal sealed class IndexModel(RefrainStore store, NotificationOptions options, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public long? After { get; set; }

    public string? KindError { get; private set; }

    public IReadOnlyList<NotificationResponse> Items { get; private set; } = [];

    public IReadOnlyList<string> Channels => options.Channels.Select(c => $"{c.Name} ({c.Type})").ToList();

    public string? NextQuery { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        if (Kind is not null && !NotificationKind.All.Contains(Kind))
        {
            KindError = $"must be one of {string.Join(", ", NotificationKind.All)}";
            return;
        }

        var rows = await store.ListNotificationsAsync(null, true, Kind, PageSize + 1, After, ct);
        Items = await NotificationResponse.WithDeliveriesAsync(store, rows.Take(PageSize).ToList(), ct);
        if (rows.Count > PageSize)
        {
            NextQuery = FilterQuery(("after", Items[^1].Id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The filter as a query string (empty left out), plus any <paramref name="extra"/>.</summary>
    public string FilterQuery(params (string Name, string? Value)[] extra) =>
        QueryString.Create(new (string Name, string? Value)[] { ("kind", Kind) }
            .Concat(extra).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value))).ToUriComponent();
}
