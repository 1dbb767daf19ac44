using Microsoft.Extensions.Logging.Abstractions;
using Refrain.Jobs;
using Refrain.Providers.Spotify;
using Refrain.Sandbox;
using Refrain.Tests.Providers;
using Refrain.Tests.Sandbox;

namespace Refrain.Tests.Listening.Tokens;

/// <summary>
/// The user-authorization client against the sandbox's Accounts service (Spotify's authorization guide): code exchange with
/// PKCE, refresh with and without rotation, <c>invalid_grant</c> as its own answer, and failures classified like API calls.
/// </summary>
public sealed class SpotifyUserAuthTests : ProviderTestBase, IDisposable
{
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    private SpotifyUserAuth Auth(SandboxServer sandbox) => new(_http, new SpotifyOptions
    {
        ApiBaseUrl = sandbox.BaseUrl,
        AccountsBaseUrl = sandbox.BaseUrl,
        ClientId = sandbox.Options.ClientId,
        ClientSecret = sandbox.Options.ClientSecret,
    }, NullLogger<SpotifyUserAuth>.Instance);

    private async Task<SpotifyUserToken> ConnectAsync(SandboxServer sandbox, int user)
    {
        var code = await new SandboxOAuth(sandbox, _browser).CodeAsync(user);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);
        var answer = await Auth(sandbox).ExchangeCodeAsync(call, code, SandboxOAuth.RfcVerifier, SandboxOAuth.RedirectUri, CancellationToken.None);
        Assert.True(answer.IsOk, answer.Outcome?.ToString());
        return answer.Value!;
    }

    [Fact]
    public async Task ExchangeCode_ThenProfile_GivesTokensAndTheSandboxUser()
    {
        await using var sandbox = await StartSandboxAsync();

        var token = await ConnectAsync(sandbox, 7);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);
        var profile = await Auth(sandbox).GetProfileAsync(call, token.AccessToken, CancellationToken.None);

        Assert.Equal(TimeSpan.FromHours(1), token.ExpiresIn);
        Assert.NotNull(token.RefreshToken);
        Assert.Equal(sandbox.Listening.User(7).Id, profile.Value!.Id);
        Assert.DoesNotContain(token.AccessToken, token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCode_WithTheWrongVerifier_IsInvalidGrant()
    {
        await using var sandbox = await StartSandboxAsync();
        var code = await new SandboxOAuth(sandbox, _browser).CodeAsync(1);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var answer = await Auth(sandbox).ExchangeCodeAsync(call, code, SandboxOAuth.RfcVerifier.Replace('d', 'e'), SandboxOAuth.RedirectUri, CancellationToken.None);

        Assert.True(answer.InvalidGrant);
        Assert.IsType<JobOutcome.Permanent>(answer.Outcome);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refresh_AnswersARefreshTokenOnlyWhenSpotifyRotatesIt(bool rotate)
    {
        await using var sandbox = await StartSandboxAsync(o => o.RotateRefreshTokens = rotate);
        var token = await ConnectAsync(sandbox, 2);
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var refreshed = await Auth(sandbox).RefreshAsync(call, token.RefreshToken!, CancellationToken.None);

        Assert.True(refreshed.IsOk, refreshed.Outcome?.ToString());
        Assert.NotEqual(token.AccessToken, refreshed.Value!.AccessToken);
        Assert.Equal(rotate, refreshed.Value.RefreshToken is not null);
        Assert.NotEqual(token.RefreshToken, refreshed.Value.RefreshToken);
    }

    [Fact]
    public async Task Refresh_AfterTheUserRevokedAccess_IsInvalidGrant()
    {
        await using var sandbox = await StartSandboxAsync();
        var token = await ConnectAsync(sandbox, 3);
        Assert.Equal(1, sandbox.RevokeAccess(3));
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var answer = await Auth(sandbox).RefreshAsync(call, token.RefreshToken!, CancellationToken.None);

        Assert.True(answer.InvalidGrant);
        Assert.Contains("invalid_grant", Assert.IsType<JobOutcome.Permanent>(answer.Outcome).Error, StringComparison.Ordinal);
        Assert.DoesNotContain(token.RefreshToken!, answer.Outcome!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WhenTheAccountsServiceFails_IsATransientRetry()
    {
        await using var sandbox = await StartSandboxAsync();
        var token = await ConnectAsync(sandbox, 4);
        sandbox.Options.SpotifyAccounts.ServerErrorRate = 1;
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var answer = await Auth(sandbox).RefreshAsync(call, token.RefreshToken!, CancellationToken.None);

        Assert.False(answer.InvalidGrant);
        Assert.IsType<JobOutcome.Retry>(answer.Outcome);
    }

    [Fact]
    public async Task Refresh_Answered429_SnoozesAndPausesSpotify()
    {
        await using var sandbox = await StartSandboxAsync();
        var token = await ConnectAsync(sandbox, 5);
        sandbox.Options.SpotifyAccounts.TooManyRequestsRate = 1;
        var (_, call) = await JobCallAsync(SpotifyClient.Provider);

        var answer = await Auth(sandbox).RefreshAsync(call, token.RefreshToken!, CancellationToken.None);

        Assert.IsType<JobOutcome.Snooze>(answer.Outcome);
        var pause = await Store.GetProviderPauseAsync(SpotifyClient.Provider, CancellationToken.None);
        Assert.NotNull(pause);
    }

    public void Dispose()
    {
        _browser.Dispose();
        _http.Dispose();
    }
}
