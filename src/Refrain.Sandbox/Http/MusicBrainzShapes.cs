using System.Text.Json.Nodes;

namespace Refrain.Sandbox;

/// <summary>Web service (<c>/ws/2</c>, <c>fmt=json</c>) objects shaped as MusicBrainz serves them.</summary>
internal static class MusicBrainzShapes
{
    private const string PersonType = "b6e035f4-3ce9-331c-97df-83397230b0df";
    private const string GroupType = "e431f5f6-b5d2-343d-8b36-72607fffb74b";

    /// <param name="inc">The <c>inc</c> subqueries asked for: <c>artist-credits</c>, <c>isrcs</c>.</param>
    public static JsonObject Recording(SandboxRecording r, IReadOnlySet<string> inc)
    {
        var recording = new JsonObject
        {
            ["id"] = r.Id,
            ["title"] = r.Title,
            ["length"] = r.LengthMs,
            ["disambiguation"] = r.Disambiguation,
            ["video"] = false,
            ["first-release-date"] = r.FirstReleaseDate ?? "",
        };
        if (inc.Contains("artist-credits") || inc.Contains("artists"))
        {
            recording["artist-credit"] = new JsonArray([.. r.Artists.Select((a, i) => (JsonNode)Credit(a, i == r.Artists.Count - 1 ? "" : i == 0 && r.JoinPhrase is { } join ? join : " & "))]);
        }

        if (inc.Contains("isrcs"))
        {
            recording["isrcs"] = new JsonArray([.. r.Isrcs.Select(i => (JsonNode)JsonValue.Create(i))]);
        }

        return recording;
    }

    private static JsonObject Credit(SandboxArtist a, string joinPhrase) => new()
    {
        ["name"] = a.Name,
        ["joinphrase"] = joinPhrase,
        ["artist"] = new JsonObject
        {
            ["id"] = a.MusicBrainzId,
            ["name"] = a.Name,
            ["sort-name"] = a.SortName,
            ["disambiguation"] = "",
            ["type"] = a.IsGroup ? "Group" : "Person",
            ["type-id"] = a.IsGroup ? GroupType : PersonType,
        },
    };
}
