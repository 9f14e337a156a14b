using System.Text;
using GymCoach.Lambda.Http;
using GymCoach.LocalInfra;
using Xunit;

namespace GymCoach.TestSupport;

/// <summary>
/// Driving a service executable that a test started behind an emulated Runtime API. The first invoke waits for
/// the process's cold start, so every wait has the deadline of <see cref="Readiness"/>, and a failure shows what
/// the process printed.
/// </summary>
public static class BootstrapProcess
{
    /// <summary>Invokes <paramref name="request"/>; fails with the process's last lines unless the function answered.</summary>
    public static async Task<TestResponse> InvokeAsync(RuntimeApiServer runtimeApi, HttpApiRequest request, ChildProcess process)
    {
        var result = await runtimeApi.InvokeAsync(ApiEvents.Serialize(request), Readiness.Deadline);
        Assert.True(
            result.Outcome == InvocationOutcome.Response,
            $"{request.RouteKey}: {result.Outcome} after {result.Duration.TotalSeconds:0.0} s: {Encoding.UTF8.GetString(result.Body)}\nThe process's last {OutputTail.Lines} lines:\n{OutputTail.Of(process.Output)}");
        return TestResponse.Parse(result.Body);
    }

    /// <summary>The init error the process reports, then its exit; fails with its last lines if either does not come.</summary>
    public static async Task<InvocationResult> InitErrorThenExitAsync(RuntimeApiServer runtimeApi, ChildProcess process)
    {
        await Readiness.WaitAsync(runtimeApi.InitError, "an init error posted to the Runtime API", () => OutputTail.Of(process.Output), process.WaitForExitAsync());
        await Readiness.WaitAsync(process.WaitForExitAsync(), "the process to exit after its init error", () => OutputTail.Of(process.Output));
        return await runtimeApi.InitError;
    }
}
