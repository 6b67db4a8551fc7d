using System.Net;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesApiExceptionSpecs
{
    private static readonly ApiCall Call = new("apply", "Secret", "openstack", "db-password");

    [Fact]
    public void The_message_names_the_call_status_reason_and_fields_but_never_the_servers_words()
    {
        var body = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,
             "message":"Secret \"db-password\" is invalid: data[password]: Invalid value: \"hunter2\"",
             "details":{"causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"hunter2\"","field":"data[password]"}]}}
            """;

        var failure = KubernetesApiException.From(Call, TransientFailureSpecs.Answer(HttpStatusCode.UnprocessableEntity, body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.StatusCode);
        Assert.Equal("Invalid", failure.Reason);
        Assert.Contains("apply Secret openstack/db-password: 422 Invalid", failure.Message);
        Assert.Contains("data[password] (FieldValueInvalid)", failure.Message);
        Assert.DoesNotContain("hunter2", failure.ToString());
    }

    [Fact]
    public void A_body_that_is_not_a_status_still_gives_the_http_status()
    {
        var failure = KubernetesApiException.From(Call, TransientFailureSpecs.Answer(HttpStatusCode.BadGateway, "<html>proxy error: hunter2</html>"));

        Assert.Equal(HttpStatusCode.BadGateway, failure.StatusCode);
        Assert.DoesNotContain("hunter2", failure.ToString());
    }

    [Fact]
    public void A_transport_failure_has_no_status()
    {
        var failure = KubernetesApiException.From(Call, new HttpRequestException("connection refused"));

        Assert.Null(failure.StatusCode);
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }
}
