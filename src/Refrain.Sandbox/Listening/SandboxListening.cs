using System.Collections.Concurrent;
using System.Globalization;

namespace Refrain.Sandbox;

/// <summary>
/// The generated users and their listening histories over the catalog. A history is a pure function of the seed, the user
/// and the hour, so it does not depend on when the sandbox started: it simply grows as the sandbox clock moves. In each hour
/// a user listens (with probability <see cref="SandboxOptions.ListeningShare"/>) to one session of back-to-back plays drawn
/// from a personal library of tracks, so the same tracks come back again and again as they do for real listeners.
/// </summary>
public sealed class SandboxListening
{
    private const int LibrarySize = 150;
    private const long HourMs = 3_600_000;
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(60);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    private readonly SandboxCatalog _catalog;
    private readonly SandboxOptions _options;
    private readonly ConcurrentDictionary<int, SandboxTrack[]> _libraries = new();

    internal SandboxListening(SandboxCatalog catalog, SandboxOptions options)
    {
        _catalog = catalog;
        _options = options;
    }

    /// <summary>How many users there are (<see cref="SandboxOptions.Users"/>).</summary>
    public int UserCount => Math.Max(1, _options.Users);

    /// <summary>User <paramref name="number"/> (1 to <see cref="UserCount"/>); the same seed gives the same user.</summary>
    public SandboxUser User(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, UserCount);
        var r = new Random(SeedFor(number, -1));
        var first = Words.FirstNames[r.Next(Words.FirstNames.Length)];
        var last = Words.LastNames[r.Next(Words.LastNames.Length)];
        var id = "31" + string.Create(26, r, (span, random) =>
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });
        var email = string.Create(CultureInfo.InvariantCulture, $"user{number}@example.com");
        return new SandboxUser(number, id, $"{first} {last}", Words.Countries[r.Next(Words.Countries.Length)], r.Next(3) == 0 ? "free" : "premium", email);
    }

    /// <summary>The plays that ended in (<paramref name="after"/>, <paramref name="until"/>], newest first, reaching back at most a year from <paramref name="until"/>.</summary>
    public IReadOnlyList<SandboxPlay> Plays(SandboxUser user, DateTimeOffset after, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(user);
        var plays = new List<SandboxPlay>();
        var first = Math.Max(Hour(after), Hour(until - Horizon));
        for (var hour = Hour(until); hour >= first; hour--)
        {
            plays.AddRange(Session(user, hour).Where(p => p.PlayedAt > after && p.PlayedAt <= until).Reverse());
        }

        return plays;
    }

    /// <summary>
    /// What recently-played can show at <paramref name="now"/>: the latest <see cref="SandboxOptions.RecentlyPlayedDepth"/>
    /// plays (Spotify keeps 50), newest first, looking back at most 60 days.
    /// </summary>
    public IReadOnlyList<SandboxPlay> Recent(SandboxUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var depth = Math.Max(1, _options.RecentlyPlayedDepth);
        var plays = new List<SandboxPlay>(depth);
        var last = Hour(now - Lookback);
        for (var hour = Hour(now); hour >= last && plays.Count < depth; hour--)
        {
            plays.AddRange(Session(user, hour).Where(p => p.PlayedAt <= now).Reverse().Take(depth - plays.Count));
        }

        return plays;
    }

    /// <summary>The plays of one hour, oldest first: a session from a random minute of the first half hour to the hour's end.</summary>
    private List<SandboxPlay> Session(SandboxUser user, long hour)
    {
        var plays = new List<SandboxPlay>();
        var r = new Random(SeedFor(user.Number, hour));
        if (r.NextDouble() >= _options.ListeningShare || _catalog.Tracks.Count == 0)
        {
            return plays;
        }

        var library = Library(user.Number);
        var end = (hour + 1) * HourMs;
        var at = hour * HourMs + r.Next((int)(HourMs / 2));
        while (true)
        {
            var track = library[r.Next(library.Length)];

            // A fifth of plays are skipped part-way (after the 30 s that make a play count).
            var ms = r.Next(5) == 0 ? Math.Min(track.DurationMs, 30_000 + r.Next(Math.Max(1, track.DurationMs - 30_000))) : track.DurationMs;
            var playedAt = at + ms;
            if (playedAt >= end)
            {
                return plays;
            }

            plays.Add(new SandboxPlay(track, DateTimeOffset.FromUnixTimeMilliseconds(playedAt), ms));
            at = playedAt + r.Next(5_000);
        }
    }

    private SandboxTrack[] Library(int user) => _libraries.GetOrAdd(user, number =>
    {
        var r = new Random(SeedFor(number, -2));
        return [.. Enumerable.Range(0, LibrarySize).Select(_ => _catalog.Tracks[r.Next(_catalog.Tracks.Count)])];
    });

    private static long Hour(DateTimeOffset at) => Math.Max(0, at.ToUnixTimeMilliseconds()) / HourMs;

    /// <summary>A stable seed per (catalog seed, user, hour): SplitMix64 finalisers, since <see cref="HashCode"/> differs per process.</summary>
    private int SeedFor(int user, long hour) => (int)Mix(Mix(Mix((ulong)_options.Seed) ^ (ulong)user) ^ (ulong)hour);

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
