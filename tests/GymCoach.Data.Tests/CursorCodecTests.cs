using Amazon.DynamoDBv2.Model;
using GymCoach.Lambda.Http;
using GymCoach.TestSupport;

namespace GymCoach.Data.Tests;

public sealed class CursorCodecTests
{
    private static readonly Dictionary<string, AttributeValue> LastKey = new()
    {
        ["PK"] = new AttributeValue { S = "USER#alice" },
        ["SK"] = new AttributeValue { S = "MEASUREMENT#2026-10-01#01J" },
        ["n"] = new AttributeValue { N = "42" },
    };

    [Fact]
    public void Decode_OwnCursor_ReturnsTheKey()
    {
        var codec = new CursorCodec("k");

        var key = codec.Decode(codec.Encode(LastKey, "alice", "q"), "alice", "q")!;

        Assert.Equal("USER#alice", key["PK"].S);
        Assert.Equal("MEASUREMENT#2026-10-01#01J", key["SK"].S);
        Assert.Equal("42", key["n"].N);
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
    public void Decode_OtherUserOrQuery_Throws400(string user, string query)
    {
        var codec = new CursorCodec("k");
        var cursor = codec.Encode(LastKey, "alice", "q");

        var problem = Assert.Throws<HttpProblemException>(() => codec.Decode(cursor, user, query));

        Assert.Equal(400, problem.Status);
        Assert.Contains("cursor", problem.Errors!.Keys);
    }

    [Fact]
    public void Decode_AnyFlippedCharacter_Throws400()
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

            Assert.Throws<HttpProblemException>(() => codec.Decode(tampered, "alice", "q"));
        }
    }

    [Fact]
    public void Decode_SignedWithAnotherKey_Throws400()
    {
        var cursor = new CursorCodec("key-one").Encode(LastKey, "alice", "q");

        Assert.Throws<HttpProblemException>(() => new CursorCodec("key-two").Decode(cursor, "alice", "q"));
    }

    [Fact]
    public void Decode_Expired_Throws400()
    {
        var time = new ManualClock(DateTimeOffset.Parse("2026-11-23T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var codec = new CursorCodec("k", TimeSpan.FromMinutes(10), time);
        var cursor = codec.Encode(LastKey, "alice", "q");

        time.Now = time.Now.AddMinutes(11);

        var problem = Assert.Throws<HttpProblemException>(() => codec.Decode(cursor, "alice", "q"));
        Assert.Contains("expired", problem.Detail, StringComparison.Ordinal);
    }
}
