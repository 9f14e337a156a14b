using System.Buffers;
using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Tests.Functions;

public sealed class FunctionTableTests
{
    private static readonly IInvocationHandler Http = new Named();
    private static readonly IInvocationHandler Stream = new Named();
    private readonly FunctionTable _table = new FunctionTable().Add("bootstrap", () => Http).Add("stream", () => Stream);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bootstrap")]
    public void Select_DefaultHandler_IsTheHttpFunction(string? handler)
    {
        Assert.Same(Http, _table.Select(handler)());
    }

    [Fact]
    public void Select_NamedHandler_InitialisesOnlyThatFunction()
    {
        var initialised = new List<string>();
        var table = new FunctionTable()
            .Add("bootstrap", () => { initialised.Add("bootstrap"); return Http; })
            .Add("stream", () => { initialised.Add("stream"); return Stream; });

        Assert.Same(Stream, table.Select("stream")());
        Assert.Equal(["stream"], initialised);
    }

    [Fact]
    public void Select_UnknownHandler_FailsAtInitNamingTheKnownOnes()
    {
        var init = _table.Select("nope");

        var error = Assert.Throws<InvalidOperationException>(init);
        Assert.Contains("bootstrap, stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SameHandlerTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => _table.Add("stream", () => Stream));
    }

    private sealed class Named : IInvocationHandler
    {
        public ValueTask HandleAsync(ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, InvocationContext context) => ValueTask.CompletedTask;
    }
}
