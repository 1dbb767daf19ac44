using System.CommandLine;
using System.Text;
using Refrain.Cli;
using Refrain.Tests.Infrastructure;

namespace Refrain.Tests.Sandbox;

/// <summary><c>refrain sandbox [--port N]</c>: runs in the foreground, prints its base URL first, stops on cancellation.</summary>
public sealed class SandboxCommandTests
{
    [Fact]
    public async Task Sandbox_PrintsItsBaseUrlAndServesUntilStopped()
    {
        var output = new CapturingWriter();
        using var stop = new CancellationTokenSource();
        var parse = new RootCommand { SandboxCommand.Create() }.Parse(["sandbox", "--port", "0"]);
        var run = parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, stop.Token);

        await Eventually.WaitAsync(() => Task.FromResult(output.Text.Contains('\n', StringComparison.Ordinal)), "the base URL");
        var url = new Uri(output.Text.Split('\n')[0].Trim());
        using var http = new HttpClient();
        using var stats = await http.GetAsync(new Uri(url, "/_sandbox/stats"));
        await stop.CancelAsync();

        Assert.Equal("127.0.0.1", url.Host);
        Assert.True(stats.IsSuccessStatusCode);
        Assert.Equal(0, await run);
        Assert.Contains($"Providers__Spotify__ApiBaseUrl={url.AbsoluteUri.TrimEnd('/')}", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_PortOutOfRange_IsBadInput()
    {
        var output = new CapturingWriter();
        var parse = new RootCommand { SandboxCommand.Create() }.Parse(["sandbox", "--port", "70000"]);

        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("--port must be between 0 and 65535", output.Text, StringComparison.Ordinal);
    }

    /// <summary>A writer the test may read while the command writes.</summary>
    private sealed class CapturingWriter : TextWriter
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                _text.Append(value);
            }
        }
    }
}
