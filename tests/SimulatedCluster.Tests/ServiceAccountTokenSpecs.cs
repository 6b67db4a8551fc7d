using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// Service-account tokens from the TokenRequest API (`kubectl create token`), and their authentication: a token
/// authenticates as its service account until it expires or the account is deleted; anything else is 401.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ServiceAccountTokenSpecs : ServiceAccountSpecs
{
    private readonly MovableClock _clock;

    public ServiceAccountTokenSpecs() : this(new MovableClock())
    {
    }

    private ServiceAccountTokenSpecs(MovableClock clock) : base(new SimulatedClusterOptions { ReadyDelay = TimeSpan.FromMilliseconds(20), Clock = clock }) =>
        _clock = clock;

    private const string UnauthorizedBody = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""";

    [Fact]
    public async Task Create_token_issues_a_bound_token_naming_the_service_account_and_the_api_server_audience()
    {
        await Kubectl.Run("create", "serviceaccount", "orchestrator", "-n", "kube-system");
        var account = await Kubectl.Run("get", "serviceaccount", "orchestrator", "-n", "kube-system", "-o", "jsonpath={.metadata.uid}");

        var token = await Kubectl.Run("create", "token", "orchestrator", "-n", "kube-system", "--duration", "2h");

        Assert.True(token.ExitCode == 0, token.ToString());
        var claims = Claims(token.Out.Trim());
        Assert.Equal("system:serviceaccount:kube-system:orchestrator", (string?)claims["sub"]);
        Assert.Equal("https://kubernetes.default.svc.cluster.local", (string?)claims["aud"]![0]);
        Assert.Equal(account.Out, (string?)claims["kubernetes.io"]!["serviceaccount"]!["uid"]);
        Assert.Equal(7200, (long)claims["exp"]! - (long)claims["iat"]!);
    }

    [Fact]
    public async Task A_token_for_a_missing_service_account_is_not_found()
    {
        var token = await Kubectl.Run("create", "token", "nobody", "-n", "kube-system");

        Assert.Equal((1, "error: failed to create token: serviceaccounts \"nobody\" not found\n"), (token.ExitCode, token.Error));
    }

    [Fact]
    public async Task A_lifetime_under_ten_minutes_is_invalid()
    {
        await Kubectl.Run("create", "serviceaccount", "orchestrator", "-n", "kube-system");

        var token = await Kubectl.Run("create", "token", "orchestrator", "-n", "kube-system", "--duration", "5m");

        Assert.Equal(1, token.ExitCode);
        Assert.Equal("error: failed to create token: TokenRequest.authentication.k8s.io \"orchestrator\" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n", token.Error);
    }

    [Fact]
    public async Task A_token_authenticates_until_its_service_account_is_deleted_and_a_new_account_of_that_name_does_not_revive_it()
    {
        var sa = await AsServiceAccount();
        var token = Token();
        var before = await Send(token, "/api/v1/namespaces/default/pods");

        await Kubectl.Run("delete", "serviceaccount", "orchestrator", "-n", "kube-system");
        var deleted = await Send(token, "/api/v1/namespaces/default/pods");
        await Kubectl.Run("create", "serviceaccount", "orchestrator", "-n", "kube-system");
        var recreated = await Send(token, "/api/v1/namespaces/default/pods");
        var kubectl = await sa.Run("get", "pods");

        Assert.Equal(HttpStatusCode.Forbidden, before.Code);
        Assert.Equal((HttpStatusCode.Unauthorized, UnauthorizedBody), deleted);
        Assert.Equal((HttpStatusCode.Unauthorized, UnauthorizedBody), recreated);
        Assert.StartsWith("error: You must be logged in to the server", LastError(kubectl));
    }

    [Fact]
    public async Task An_expired_token_is_unauthorized()
    {
        await Kubectl.Run("create", "serviceaccount", "orchestrator", "-n", "kube-system");
        var token = Cluster.CreateToken("kube-system", "orchestrator", TimeSpan.FromMinutes(10));
        var fresh = await Send(token, "/version");

        _clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await Send(token, "/version");

        Assert.Equal(HttpStatusCode.OK, fresh.Code);
        Assert.Equal((HttpStatusCode.Unauthorized, UnauthorizedBody), expired);
    }

    [Fact]
    public async Task An_unknown_token_or_one_for_another_audience_is_unauthorized_and_the_admin_token_is_not()
    {
        await Kubectl.Run("create", "serviceaccount", "orchestrator", "-n", "kube-system");
        var otherAudience = await Kubectl.Run("create", "token", "orchestrator", "-n", "kube-system", "--audience", "https://vault.example.com");

        var unknown = await Send("not-a-token", "/version");
        var forged = await Send(otherAudience.Out.Trim(), "/version");
        var admin = await Send(KubeconfigWriter.Token, "/api/v1/secrets");

        Assert.Equal((HttpStatusCode.Unauthorized, UnauthorizedBody), unknown);
        Assert.Equal((HttpStatusCode.Unauthorized, UnauthorizedBody), forged);
        Assert.Equal(HttpStatusCode.OK, admin.Code);
    }

    private string Token() => File.ReadAllLines(Path.Combine(Directory, "kube-system-orchestrator.kubeconfig"))
        .Single(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();

    private async Task<(HttpStatusCode Code, string Body)> Send(string token, string path)
    {
        using var http = new HttpClient { BaseAddress = Cluster.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static JsonNode Claims(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload + new string('=', (4 - payload.Length % 4) % 4))))!;
    }

    /// <summary>The system clock moved forward on demand, so that expiry is tested without waiting for it.</summary>
    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
