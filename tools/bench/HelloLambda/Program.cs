// A minimal hand-written Lambda custom runtime: the baseline the real bootstrap is measured against.
using var http = new HttpClient
{
    BaseAddress = new Uri($"http://{Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API")}/2018-06-01/"),
    Timeout = Timeout.InfiniteTimeSpan,
};
while (true)
{
    using var next = await http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative)).ConfigureAwait(false);
    var requestId = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
    _ = await next.Content.ReadAsStringAsync().ConfigureAwait(false);
    using var content = new StringContent("\"Hello, world\"");
    using var posted = await http.PostAsync(new Uri($"runtime/invocation/{requestId}/response", UriKind.Relative), content).ConfigureAwait(false);
}
