using Amazon.DynamoDBv2.Model;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests;

public sealed class CursorCodecTests
{
    private static readonly Dictionary<string, AttributeValue> LastKey = new()
    {
        ["PK"] = new AttributeValue { S = "USER#alice" },
        ["SK"] = new AttributeValue { S = "MEASUREMENT#2026-10-01#01J" },
    };

    private static readonly CursorScope Scope = CursorScope.Table("USER#alice", "MEASUREMENT#");

    [Fact]
    public void Decode_OwnCursor_ReturnsTheKey()
    {
        var codec = new CursorCodec("k");

        var key = codec.Decode(codec.Encode(LastKey, "alice", "q"), "alice", "q", Scope)!;

        Assert.Equal("USER#alice", key["PK"].S);
        Assert.Equal("MEASUREMENT#2026-10-01#01J", key["SK"].S);
    }

    [Fact]
    public void Encode_NoLastKey_ReturnsNull()
    {
        Assert.Null(new CursorCodec("k").Encode(null, "alice", "q"));
        Assert.Null(new CursorCodec("k").Encode([], "alice", "q"));
    }

    [Theory]
    [InlineData("bob", "q")]
    [InlineData("alice", "other-query")]
    public void Decode_OtherUserOrQuery_IsInvalid(string user, string query)
    {
        var codec = new CursorCodec("k");
        var cursor = codec.Encode(LastKey, "alice", "q");

        var problem = Assert.Throws<InvalidCursorException>(() => codec.Decode(cursor, user, query, Scope));

        Assert.Contains("another query", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AnyFlippedCharacter_IsInvalid()
    {
        var codec = new CursorCodec("k");
        var cursor = codec.Encode(LastKey, "alice", "q")!;

        for (var i = 0; i < cursor.Length; i += 3)
        {
            var chars = cursor.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var tampered = new string(chars);
            if (tampered == cursor)
            {
                continue;
            }

            Assert.Throws<InvalidCursorException>(() => codec.Decode(tampered, "alice", "q", Scope));
        }
    }

    [Fact]
    public void Decode_SignedWithAnotherKey_IsInvalid()
    {
        var cursor = new CursorCodec("key-one").Encode(LastKey, "alice", "q");

        Assert.Throws<InvalidCursorException>(() => new CursorCodec("key-two").Decode(cursor, "alice", "q", Scope));
    }

    [Fact]
    public void Decode_Expired_IsInvalid()
    {
        var time = new ManualClock(DateTimeOffset.Parse("2026-11-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var codec = new CursorCodec("k", TimeSpan.FromMinutes(10), time);
        var cursor = codec.Encode(LastKey, "alice", "q");

        time.Now = time.Now.AddMinutes(11);

        var problem = Assert.Throws<InvalidCursorException>(() => codec.Decode(cursor, "alice", "q", Scope));
        Assert.Contains("expired", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USER#bob", "MEASUREMENT#2026-10-01#01J")]
    [InlineData("USER#alice", "PROFILE")]
    [InlineData("USER#alice", "IDEMPOTENCY#measurements#k")]
    public void Decode_SignedKeyOutsideTheScope_IsInvalid(string pk, string sk)
    {
        var codec = new CursorCodec("k");
        var cursor = codec.Encode(new() { ["PK"] = new AttributeValue { S = pk }, ["SK"] = new AttributeValue { S = sk } }, "alice", "q");

        var problem = Assert.Throws<InvalidCursorException>(() => codec.Decode(cursor, "alice", "q", Scope));

        Assert.NotEmpty(problem.Message);
    }

    [Theory]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"S":"x"}}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"S:PK":5,"S:SK":"MEASUREMENT#"}}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"X:PK":"USER#alice","S:SK":"MEASUREMENT#"}}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"N:PK":"1e999999","S:SK":"MEASUREMENT#"}}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"S:PK":"USER#alice","S:SK":"MEASUREMENT#","S:GSI1PK":"x"}}""")]
    [InlineData("""{"u":"alice","q":"q","e":1e400,"k":{}}""")]
    [InlineData("""{"u":5,"q":"q","e":99999999999,"k":{}}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"u":"alice","q":"q","e":"soon","k":{}}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":[]}""")]
    [InlineData("""{"u":"alice","q":"q","e":99999999999,"k":{"S:PK":"USER#alice","S:PK":"USER#alice","S:SK":"MEASUREMENT#"}}""")]
    public void Decode_ForgedPayloadWithAValidSignature_IsInvalid(string payload)
    {
        var codec = new CursorCodec("k");
        var cursor = codec.Sign(System.Text.Encoding.UTF8.GetBytes(payload));

        var problem = Assert.Throws<InvalidCursorException>(() => codec.Decode(cursor, "alice", "q", Scope));

        Assert.NotEmpty(problem.Message);
    }

    [Fact]
    public void FromEnvironment_NoKey_FailsInsteadOfFallingBack()
    {
        var saved = Environment.GetEnvironmentVariable(CursorCodec.KeyVariable);
        try
        {
            Environment.SetEnvironmentVariable(CursorCodec.KeyVariable, null);
            Assert.Throws<InvalidOperationException>(CursorCodec.FromEnvironment);
            Environment.SetEnvironmentVariable(CursorCodec.KeyVariable, "short");
            Assert.Throws<InvalidOperationException>(CursorCodec.FromEnvironment);
        }
        finally
        {
            Environment.SetEnvironmentVariable(CursorCodec.KeyVariable, saved);
        }
    }
}
