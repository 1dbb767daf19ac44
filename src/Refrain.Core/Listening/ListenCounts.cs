namespace Refrain.Listening;

/// <summary>How the rows of one or more history files were counted.</summary>
public sealed class ListenCounts
{
    public long Imported { get; set; }
    public long Duplicate { get; set; }
    public long Short { get; set; }
    public long Incognito { get; set; }
    public long Podcast { get; set; }
    public long Invalid { get; set; }

    public long Total => Imported + Duplicate + Short + Incognito + Podcast + Invalid;

    public void Add(ListenCounts other)
    {
        Imported += other.Imported;
        Duplicate += other.Duplicate;
        Short += other.Short;
        Incognito += other.Incognito;
        Podcast += other.Podcast;
        Invalid += other.Invalid;
    }

    internal void Count(PlayOutcome outcome)
    {
        switch (outcome)
        {
            case PlayOutcome.Invalid: Invalid++; break;
            case PlayOutcome.Podcast: Podcast++; break;
            case PlayOutcome.Incognito: Incognito++; break;
            case PlayOutcome.Short: Short++; break;
            default: break;
        }
    }
}
