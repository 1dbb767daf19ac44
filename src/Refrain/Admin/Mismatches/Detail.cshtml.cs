using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Refrain.Accounts;
using Refrain.Matching;
using Refrain.Providers;
using Refrain.Providers.Spotify;
using Refrain.Rematch;
using Refrain.Storage;

namespace Refrain.Admin.Mismatches;

/// <summary>
/// <c>/admin/duration-mismatches/{id}</c>: one song's review item with the matcher's candidates side by side, each with its
/// score breakdown against the floor and margin, and the reviewer's four decisions as forms. A decision goes through
/// <see cref="ReviewDecisions"/>, exactly as <c>POST /api/reviews/duration-mismatches/{song_id}</c> makes it.
/// </summary>
internal sealed class DetailModel(
    RefrainStore store, MatcherOptions matcher, IServiceProvider services, IOptions<SpotifyOptions> spotifyOptions, ProviderGate gate, TimeProvider time)
    : PageModel
{
    private static readonly Dictionary<string, ReviewDecisions.Choice> Actions = new(StringComparer.Ordinal)
    {
        ["accept"] = ReviewDecisions.Choice.Accept,
        ["keep"] = ReviewDecisions.Choice.Keep,
        ["no_equivalent"] = ReviewDecisions.Choice.NoEquivalent,
        ["unlink"] = ReviewDecisions.Choice.Unlink,
    };

    public RefrainStore.ReviewItem Item { get; private set; } = null!;

    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];

    public IReadOnlyDictionary<string, double> BestBreakdown { get; private set; } = new Dictionary<string, double>();

    public MatcherOptions Matcher => matcher;

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }

        Candidates = Candidate.Parse(Item.Candidates);
        BestBreakdown = Candidate.Numbers(Item.Breakdown);
        Now = time.GetUtcNow();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? decision, string? trackId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null)
        {
            return NotFound();
        }

        if (decision is null || !Actions.TryGetValue(decision, out var choice))
        {
            TempData["Error"] = "Choose accept, keep, no equivalent or unlink.";
            return Redirect($"/admin/duration-mismatches/{id}");
        }

        if (choice == ReviewDecisions.Choice.Accept && SpotifyUnavailable() is { } unavailable)
        {
            TempData["Error"] = unavailable;
            return Redirect($"/admin/duration-mismatches/{id}");
        }

        // Resolved only for accept, as the API does: the other decisions work on a server without Spotify settings.
        var decisions = new ReviewDecisions(store, services.GetRequiredService<SpotifyClient>, gate, time);
        var result = await decisions.DecideAsync(id, Caller.From(User).Scope, choice, choice == ReviewDecisions.Choice.Accept ? trackId : null, ct);
        if (result.Refused is { } refused)
        {
            TempData["Error"] = refused switch
            {
                ReviewDecisions.Refusal.UnknownSong => $"Song {id} no longer exists.",
                ReviewDecisions.Refusal.InvalidTrackId => $"'{trackId}' is not a Spotify track id.",
                ReviewDecisions.Refusal.NothingToKeep => $"Song {id} has no link to keep.",
                _ => $"Spotify did not give track {trackId}: {result.ProviderError?.Message}",
            };
            return Redirect($"/admin/duration-mismatches/{id}");
        }

        TempData["Notice"] = choice switch
        {
            ReviewDecisions.Choice.Accept => $"“{Item.Title}” is now linked to {result.Applied!.TrackId}.",
            ReviewDecisions.Choice.Keep => $"“{Item.Title}” keeps its link to {result.Applied!.TrackId}.",
            ReviewDecisions.Choice.NoEquivalent => $"“{Item.Title}” has no equivalent on Spotify; its link is removed.",
            _ => $"“{Item.Title}” is unlinked.",
        };
        return Redirect("/admin/duration-mismatches");
    }

    private async Task<RefrainStore.ReviewItem?> LoadAsync(long id, CancellationToken ct)
    {
        var item = await store.GetReviewItemAsync(id, ct);
        if (item is null || !Caller.From(User).CanSee(item.AccountId))
        {
            return null;
        }

        Item = item;
        return item;
    }

    /// <summary>Why this server cannot read a track from Spotify now; null when it can.</summary>
    private string? SpotifyUnavailable() => SpotifyAvailability.Of(spotifyOptions.Value, gate).Explanation;
}
