using System.Buffers;

namespace GymCoach.Lambda.Runtime;

/// <summary>
/// A growable byte buffer that is reset, not reallocated, between invocations: the runtime loop keeps one
/// for the event and one for the response, so a warm invoke does not allocate payload-sized arrays.
/// </summary>
public sealed class ReusableBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    public ReusableBuffer(int initialCapacity = 16 * 1024)
    {
        _buffer = new byte[initialCapacity];
    }

    public int WrittenCount => _written;

    public int Capacity => _buffer.Length;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public void Reset() => _written = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the end of the buffer.");
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Replaces the contents with everything <paramref name="stream"/> yields.</summary>
    public async ValueTask ReadFromAsync(Stream stream, long? lengthHint, CancellationToken cancellationToken)
    {
        Reset();
        if (lengthHint is > 0)
        {
            EnsureCapacity((int)lengthHint.Value);
        }

        while (true)
        {
            var memory = GetMemory(4096);
            var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            _written += read;
        }
    }

    private void EnsureCapacity(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        var newSize = Math.Max(_buffer.Length * 2, _written + sizeHint);
        Array.Resize(ref _buffer, newSize);
    }
}
