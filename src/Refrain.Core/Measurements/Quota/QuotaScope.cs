namespace Refrain.Measurements.Quota;

/// <summary>Whose monthly cap a reservation ran into.</summary>
public enum QuotaScope
{
    /// <summary>The provider's cap across every account (<c>Providers:&lt;P&gt;:MonthlyCallCap</c>).</summary>
    Provider,

    /// <summary>One account's own cap (<c>Accounts:&lt;name&gt;:SongstatsMonthlyCap</c>).</summary>
    Account,
}
