using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Refrain.Runs;

namespace Refrain.Notifications;

/// <summary>Turns an ended run into its notification: a failure, or (notify <c>always</c>) the summary of what got done.</summary>
public static class RunNotification
{
    public static NotificationDraft From(RunRecord run, string? dashboardBaseUrl)
    {
        var failed = run.State is RunState.Failed or RunState.CompletedWithErrors;
        var kind = failed ? NotificationKind.RunFailed : NotificationKind.RunSummary;
        var url = RunUrl(dashboardBaseUrl, run.Id);
        var what = run.ScheduleName is { } schedule ? $"Schedule {schedule}: run {run.Id} ({run.Kind})" : $"Run {run.Id} ({run.Kind})";
        var subject = string.Create(CultureInfo.InvariantCulture, $"{what} {run.State.Replace('_', ' ')}");
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"jobs {run.Total}: succeeded {run.Succeeded}, no data {run.NoData}, failed {run.Failed}, dead {run.Dead}, cancelled {run.Cancelled}");
        var text = new StringBuilder(subject).Append(". ").Append(counts).Append('.');
        if (SummaryText(run.Summary) is { Length: > 0 } summary)
        {
            text.Append(' ').Append(summary);
        }

        if (url is not null)
        {
            text.Append(' ').Append(url);
        }

        var payload = new JsonObject
        {
            ["event"] = kind,
            ["occurred_at"] = Iso(run.EndedAt ?? run.CreatedAt),
            ["account_id"] = run.AccountId,
            ["schedule"] = run.ScheduleName,
            ["url"] = url,
            ["run"] = new JsonObject
            {
                ["id"] = run.Id,
                ["kind"] = run.Kind,
                ["state"] = run.State,
                ["trigger"] = run.TriggerType,
                ["created_at"] = Iso(run.CreatedAt),
                ["ended_at"] = run.EndedAt is { } e ? Iso(e) : null,
                ["counts"] = new JsonObject
                {
                    ["total"] = run.Total,
                    ["succeeded"] = run.Succeeded,
                    ["no_data"] = run.NoData,
                    ["failed"] = run.Failed,
                    ["dead"] = run.Dead,
                    ["cancelled"] = run.Cancelled,
                },
                ["summary"] = ParseSummary(run.Summary),
            },
        };
        return new NotificationDraft(
            FormattableString.Invariant($"run:{run.Id}"), kind, run.AccountId, run.Id, run.ScheduleName, subject, text.ToString(), payload.ToJsonString());
    }

    /// <summary>The dashboard page of a run, when the dashboard's address is configured.</summary>
    public static string? RunUrl(string? dashboardBaseUrl, long runId) =>
        string.IsNullOrEmpty(dashboardBaseUrl) ? null : FormattableString.Invariant($"{dashboardBaseUrl.TrimEnd('/')}/admin/runs/{runId}");

    internal static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>A summary's own <c>text</c> when it has one, else its scalar members as "name value" pairs.</summary>
    internal static string? SummaryText(string? summary)
    {
        if (ParseSummary(summary) is not JsonObject obj)
        {
            return null;
        }

        if (obj["text"] is JsonValue t && t.GetValueKind() == JsonValueKind.String)
        {
            return t.GetValue<string>();
        }

        var parts = obj.Where(p => p.Value is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
            .Select(p => $"{p.Key.Replace('_', ' ')} {p.Value!.ToJsonString().Trim('"')}");
        return string.Join(", ", parts);
    }

    private static JsonNode? ParseSummary(string? summary)
    {
        if (string.IsNullOrEmpty(summary))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(summary);
        }
        catch (JsonException)
        {
            return JsonValue.Create(summary);
        }
    }
}
