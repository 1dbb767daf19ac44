using Dapper;
using Refrain.Billing;

namespace Refrain.Storage;

public abstract partial class RefrainStore
{
    /// <summary>The account's Stripe customer and card-on-file time; null when the account does not exist.</summary>
    public async Task<BillingAccount?> GetBillingAccountAsync(long accountId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(c => c.QuerySingleOrDefaultAsync<(long Id, string Name, string? StripeCustomerId, long? CardOnFileAt)>(Command(
            "SELECT id, name, stripe_customer_id, card_on_file_at FROM accounts WHERE id = @accountId",
            new { accountId }, null, cancellationToken)), cancellationToken);
        return row.Id == 0 ? null : new BillingAccount(row.Id, row.Name, row.StripeCustomerId, FromMs(row.CardOnFileAt));
    }

    /// <summary>
    /// Stores <paramref name="customerId"/> as the account's Stripe customer unless it already has one, and returns the one
    /// that is stored: when two requests raced to create a customer, both go on with the first one kept.
    /// </summary>
    public Task<string?> SetStripeCustomerAsync(long accountId, string customerId, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => c.ExecuteScalarAsync<string?>(Command(
            "UPDATE accounts SET stripe_customer_id = COALESCE(stripe_customer_id, @customerId) WHERE id = @accountId RETURNING stripe_customer_id",
            new { accountId, customerId }, tx, cancellationToken)), cancellationToken);

    /// <summary>
    /// Replaces the account's Stripe customer <paramref name="previous"/> (gone from Stripe) with <paramref name="replacement"/>,
    /// unless another request already replaced it; returns the one that is stored.
    /// </summary>
    public Task<string?> ReplaceStripeCustomerAsync(long accountId, string previous, string replacement, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(Command(
                "UPDATE accounts SET stripe_customer_id = @replacement WHERE id = @accountId AND stripe_customer_id = @previous",
                new { accountId, previous, replacement }, tx, cancellationToken));
            return await c.ExecuteScalarAsync<string?>(Command(
                "SELECT stripe_customer_id FROM accounts WHERE id = @accountId", new { accountId }, tx, cancellationToken));
        }, cancellationToken);

    /// <summary>Marks a card on file (Stripe listed one); the first time is kept. False when the account does not exist.</summary>
    public Task<bool> MarkCardOnFileAsync(long accountId, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(
            "UPDATE accounts SET card_on_file_at = COALESCE(card_on_file_at, @now) WHERE id = @accountId",
            new { accountId, now = NowMs }, tx, cancellationToken)) == 1, cancellationToken);

    /// <summary>
    /// Applies a verified webhook event once: its id is recorded in <c>billing_events</c> (a redelivery finds it and changes
    /// nothing), and an event that puts a card on file marks the account it names, found by the account id Refrain set on
    /// the session or else by the Stripe customer. All in one transaction, so a crash cannot record without applying.
    /// </summary>
    public Task<BillingEventResult> ApplyBillingEventAsync(BillingEvent billingEvent, CancellationToken cancellationToken) =>
        WriteAsync(async (c, tx) =>
        {
            var account = await c.ExecuteScalarAsync<long?>(Command("""
                SELECT id FROM (
                    SELECT id, 0 AS preference FROM accounts WHERE id = @accountId
                    UNION ALL
                    SELECT id, 1 AS preference FROM accounts WHERE stripe_customer_id = @customerId
                ) found ORDER BY preference LIMIT 1
                """, new { accountId = billingEvent.AccountId, customerId = billingEvent.CustomerId }, tx, cancellationToken));
            var now = NowMs;
            var recorded = await c.ExecuteAsync(Command(
                "INSERT INTO billing_events (id, type, account_id, received_at) VALUES (@id, @type, @account, @now) ON CONFLICT (id) DO NOTHING",
                new { id = billingEvent.Id, type = billingEvent.Type, account, now }, tx, cancellationToken));
            if (recorded == 0)
            {
                return BillingEventResult.Duplicate;
            }

            if (!billingEvent.MarksCard || account is null)
            {
                return BillingEventResult.Recorded;
            }

            await c.ExecuteAsync(Command("""
                UPDATE accounts SET card_on_file_at = COALESCE(card_on_file_at, @now),
                    stripe_customer_id = COALESCE(stripe_customer_id, @customerId)
                WHERE id = @account
                """, new { account, now, customerId = billingEvent.CustomerId }, tx, cancellationToken));
            return BillingEventResult.CardOnFile;
        }, cancellationToken);
}
