// A minimal hand-written Lambda custom runtime that echoes its input: the floor the real bootstrap
// is measured against (no JSON, no logging, no configuration).
using var http = new HttpClient
{
    BaseAddress = new Uri($"http://{Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/"),
    Timeout = Timeout.InfiniteTimeSpan,
};
while (true)
{
    using var next = await http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative)).ConfigureAwait(false);
    var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    var input = await next.Content.ReadAsStringAsync().ConfigureAwait(false);
    using var content = new StringContent(input, System.Text.Encoding.UTF8, "application/json");
    using var posted = await http.PostAsync(new Uri($"runtime/invocation/{requestId}/response", UriKind.Relative), content).ConfigureAwait(false);
}
