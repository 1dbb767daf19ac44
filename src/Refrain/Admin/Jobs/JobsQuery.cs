using System.Globalization;
using Refrain.Jobs;

namespace Refrain.Admin.Jobs;

/// <summary>
/// The jobs page's filters as the query string carries them (<c>source</c>, <c>job_type</c>, <c>state</c>, <c>q</c>,
/// <c>account</c>, <c>run</c>), so the seeds' bookmarked <c>/admin/research/?source=spotify&amp;job_type=...</c> links keep working
/// and every page, the Next link and the bulk form round-trip the same filter.
/// </summary>
internal sealed class JobsQuery
{
    public string? Source { get; set; }

    public string? JobType { get; set; }

    public string? State { get; set; }

    public string? Q { get; set; }

    public string? Account { get; set; }

    public string? Run { get; set; }

    /// <summary>Field name → message for values that cannot be used; the page shows each beside its field.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public long? AccountId { get; private set; }

    public long? RunId { get; private set; }

    /// <summary>Checks the values and parses the numeric ones; false when any is unusable (see <see cref="Errors"/>).</summary>
    public bool Validate()
    {
        Source = Blank(Source);
        JobType = Blank(JobType);
        State = Blank(State);
        Q = Blank(Q);
        Account = Blank(Account);
        Run = Blank(Run);
        if (State is not null && !JobState.IsKnown(State))
        {
            Errors["state"] = $"must be one of {string.Join(", ", JobState.All)}";
        }

        if (Q is { Length: > 200 })
        {
            Errors["q"] = "at most 200 characters";
        }

        AccountId = Number(Account, "account");
        RunId = Number(Run, "run");
        return Errors.Count == 0;
    }

    public JobFilter ToFilter(long? afterId, int limit) => new()
    {
        Source = Source, JobType = JobType, State = State, Query = Q, AccountId = AccountId, RunId = RunId, AfterId = afterId, Limit = limit,
    };

    /// <summary>The filter as query-string pairs (empty ones left out), plus any <paramref name="extra"/>.</summary>
    public string ToQueryString(params (string Name, string? Value)[] extra)
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("source", Source), ("job_type", JobType), ("state", State), ("q", Q), ("account", Account), ("run", Run),
        }.Concat(extra).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value));
        return QueryString.Create(pairs).ToUriComponent();
    }

    public bool IsEmpty => Source is null && JobType is null && State is null && Q is null && Account is null && Run is null;

    private long? Number(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors[field] = "must be a number";
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
