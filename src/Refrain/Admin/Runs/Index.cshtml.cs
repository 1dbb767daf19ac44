using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Refrain.Runs;
using Refrain.Storage;

namespace Refrain.Admin.Runs;

/// <summary><c>/admin/runs</c>: runs newest first by kind, state and schedule, keyset pages of 50 with their child counts.</summary>
internal sealed class IndexModel(RefrainStore store, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "schedule")]
    public string? Schedule { get; set; }

    [BindProperty(SupportsGet = true, Name = "after")]
    public long? After { get; set; }

    public string? StateError { get; private set; }

    public IReadOnlyList<RunRecord> Runs { get; private set; } = [];

    public string? NextQuery { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Kind = Blank(Kind);
        State = Blank(State);
        Schedule = Blank(Schedule);
        if (State is not null && !RunView.States.Contains(State))
        {
            StateError = $"must be one of {string.Join(", ", RunView.States)}";
            return;
        }

        var rows = await store.ListRunsForAdminAsync(Kind, State, Schedule, After, PageSize + 1, ct);
        Runs = rows.Take(PageSize).ToList();
        if (rows.Count > PageSize)
        {
            NextQuery = FilterQuery(("after", Runs[^1].Id.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The filters as a query string (empty ones left out), plus any <paramref name="extra"/>.</summary>
    public string FilterQuery(params (string Name, string? Value)[] extra) =>
        QueryString.Create(new (string Name, string? Value)[] { ("kind", Kind), ("state", State), ("schedule", Schedule) }
            .Concat(extra).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value))).ToUriComponent();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
