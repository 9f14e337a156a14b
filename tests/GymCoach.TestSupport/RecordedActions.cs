using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.Runtime;

namespace GymCoach.TestSupport;

/// <summary>
/// The IAM actions a service's requests need, recorded from the requests themselves, for the policy tests that
/// compare them with what the template grants. A DynamoDB transaction needs its items' actions
/// (<c>PutItem</c>, <c>ConditionCheckItem</c>, …); an S3 request its operation's (a multipart upload's every step
/// is <c>s3:PutObject</c>, a HEAD is <c>s3:GetObject</c>, a listing is <c>s3:ListBucket</c>).
/// </summary>
public sealed class RecordedActions
{
    private readonly ConcurrentDictionary<string, bool> _actions = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Actions(string service) =>
        _actions.Keys.Where(a => a.StartsWith(service + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    public void Add(string action) => _actions[action] = true;

    /// <summary>A fault injector that fails nothing and records every DynamoDB request's actions.</summary>
    public FaultInjectingHandler DynamoDb() => new()
    {
        ThrottleWhere = (target, json) =>
        {
            if (target != "TransactWriteItems")
            {
                Add("dynamodb:" + target);
                return false;
            }

            foreach (var item in JsonDocument.Parse(json).RootElement.GetProperty("TransactItems").EnumerateArray())
            {
                foreach (var kind in item.EnumerateObject())
                {
                    Add("dynamodb:" + (kind.Name == "ConditionCheck" ? "ConditionCheckItem" : kind.Name + "Item"));
                }
            }

            return false;
        },
    };

    /// <summary>
    /// An S3 client's HTTP factory that records each request's action. Requests <paramref name="uploadGone"/> picks
    /// are answered 404 NoSuchUpload (an aborted multipart upload), which s3rver never answers, so the paths that
    /// handle it are reached and their actions recorded too.
    /// </summary>
    public HttpClientFactory S3(Func<HttpRequestMessage, bool>? uploadGone = null) => new S3Factory(this, uploadGone);

    private sealed class S3Factory(RecordedActions recorded, Func<HttpRequestMessage, bool>? uploadGone) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new S3Recorder(recorded, uploadGone, new SocketsHttpHandler()));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }

    private sealed class S3Recorder(RecordedActions recorded, Func<HttpRequestMessage, bool>? uploadGone, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            var path = request.RequestUri.AbsolutePath.Trim('/');
            var onBucket = !path.Contains('/', StringComparison.Ordinal);
            recorded.Add("s3:" + (request.Method.Method, onBucket) switch
            {
                ("GET", true) => "ListBucket",
                ("POST", true) when query.Contains("delete", StringComparison.Ordinal) => "DeleteObject",
                ("PUT", false) when query.Contains("tagging", StringComparison.Ordinal) => "PutObjectTagging",
                ("GET", false) when query.Contains("tagging", StringComparison.Ordinal) => "GetObjectTagging",
                ("PUT" or "POST", false) => "PutObject",
                ("GET" or "HEAD", false) => "GetObject",
                ("DELETE", false) => "DeleteObject",
                var other => "Unmapped-" + other.Item1,
            });
            if (request.Headers.Contains("x-amz-tagging"))
            {
                recorded.Add("s3:PutObjectTagging");
            }

            if (uploadGone?.Invoke(request) == true)
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NotFound)
                {
                    Content = new StringContent(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>",
                        System.Text.Encoding.UTF8,
                        "application/xml"),
                });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
