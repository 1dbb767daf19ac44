using System.Text.Json;
using Refrain.Tests.Cli;
using static Refrain.Tests.Listening.HistoryFiles;

namespace Refrain.Tests.Listening;

/// <summary><c>refrain listeners</c> and <c>refrain import listens</c> from the command line, on a fresh SQLite file.</summary>
public sealed class ListenCliTests
{
    [Fact]
    public async Task Listeners_CreateThenList()
    {
        using var refrain = new RefrainProcess();

        var created = await refrain.RunAsync("listeners", "create", "Alice");
        var unknownAccount = await refrain.RunAsync("listeners", "create", "Bob", "--account", "nobody");
        var list = await refrain.RunAsync("listeners", "list", "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(long.TryParse(created.StdoutLines[^1], out var id), $"expected the listener id alone on the last line\n{created}");
        Assert.True(unknownAccount.ExitCode == 2, unknownAccount.ToString());
        Assert.Contains("unknown account 'nobody'", unknownAccount.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(list.StdoutLines[0]);
        var only = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal((id, "Alice", "default", "active"),
            (only.GetProperty("id").GetInt64(), only.GetProperty("name").GetString(), only.GetProperty("account").GetString(), only.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ImportListens_SumsTheFiles_AndACorruptFileExitsTwoWhileTheOthersImport()
    {
        using var refrain = new RefrainProcess();
        var id = (await refrain.RunAsync("listeners", "create", "Alice")).StdoutLines[^1];
        var extended = Write(refrain.Directory, "Streaming_History_Audio_0.json", new object[]
        {
            Extended("2024-01-31T23:59:12Z", "Jolene", "Dolly Parton"),
            Extended("2024-01-31T23:40:00Z", "Short", "Dolly Parton", msPlayed: 10_000),
            Extended("2024-01-31T23:30:00Z", "Secret", "Dolly Parton", incognito: true),
        });
        var account = Write(refrain.Directory, "StreamingHistory0.json", new object[]
        {
            AccountData("2024-01-31 23:59", "Dolly Parton", "Jolene"),
            AccountData("2024-02-01 10:00", "Dolly Parton", "9 to 5"),
            AccountData("yesterday", "Dolly Parton", "Bad"),
        });
        var corrupt = WriteText(refrain.Directory, "corrupt.json", "[{\"ts\": \"2024-01-31T23:59:12Z\",");

        var first = await refrain.RunAsync("import", "listens", "--listener", id, extended, corrupt, account, "--json");
        var again = await refrain.RunAsync("import", "listens", "--listener", id, extended, account, "--json");
        var unknown = await refrain.RunAsync("import", "listens", "--listener", "999", extended);

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.Contains("corrupt.json", first.Stderr, StringComparison.Ordinal);
        Assert.Equal("""{"imported":2,"duplicate":1,"short":1,"incognito":1,"podcast":0,"invalid":1}""", first.StdoutLines[^1]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("""{"imported":0,"duplicate":3,"short":1,"incognito":1,"podcast":0,"invalid":1}""", again.StdoutLines[^1]);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("unknown listener 999", unknown.Stderr, StringComparison.Ordinal);
    }
}
