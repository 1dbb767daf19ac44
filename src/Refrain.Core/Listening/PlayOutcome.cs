namespace Refrain.Listening;

/// <summary>What became of one row of a history file, in the order the rules are applied.</summary>
internal enum PlayOutcome
{
    Invalid,
    Podcast,
    Incognito,
    Short,
    Accepted,
}
