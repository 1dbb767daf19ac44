namespace Refrain.Jobs;

/// <summary>
/// How many jobs a pool named after a rate-limited provider may claim: as many as the requests in sight pay for, at the
/// requests one job makes, less what the jobs already in hand will spend. A job that runs out of tokens half-way snoozes
/// and repeats its first requests, so the budget leans high on cost: the pool claims less, never more.
/// </summary>
internal static class ClaimBudget
{
    /// <summary>Jobs finished before the observed cost replaces the declared one.</summary>
    public const int Observations = 8;

    /// <summary>
    /// Requests one job makes: the largest <see cref="JobHandlerRegistration.RequestsPerJob"/> declared for the provider
    /// until <see cref="Observations"/> jobs have finished, then granted ÷ finished (requests granted to jobs still running
    /// count too, which leans high), clamped to 1–50.
    /// </summary>
    public static double RequestsPerJob(double declared, long granted, long finished) =>
        finished < Observations ? Math.Max(1.0, declared) : Math.Clamp(granted / (double)finished, 1.0, 50.0);

    /// <summary>At most <paramref name="want"/> jobs whose requests, with those of the <paramref name="held"/> jobs, fit in <paramref name="inSight"/>.</summary>
    public static int Jobs(int want, int inSight, int held, double perJob) =>
        Math.Max(0, Math.Min(want, (int)Math.Floor((inSight - (held * perJob)) / perJob)));
}
