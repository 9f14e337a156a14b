using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Tests.Runtime;

public sealed class ReusableBufferTests
{
    [Fact]
    public async Task ReadFromAsync_SecondSmallerPayload_ReusesTheSameArray()
    {
        var buffer = new ReusableBuffer(16);
        await buffer.ReadFromAsync(new MemoryStream(new byte[10_000]), null, CancellationToken.None);
        var capacity = buffer.Capacity;

        await buffer.ReadFromAsync(new MemoryStream([1, 2, 3]), 3, CancellationToken.None);

        Assert.Equal(capacity, buffer.Capacity);
        Assert.Equal(new byte[] { 1, 2, 3 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Advance_PastCapacity_Throws()
    {
        var buffer = new ReusableBuffer(8);
        buffer.GetSpan(8);

        Assert.Throws<InvalidOperationException>(() => buffer.Advance(buffer.Capacity + 1));
    }
}
