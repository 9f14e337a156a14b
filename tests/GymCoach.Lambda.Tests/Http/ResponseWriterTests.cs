using GymCoach.Lambda.Http;

namespace GymCoach.Lambda.Tests.Http;

public sealed class ResponseWriterTests
{
    [Theory]
    [InlineData("gzip", true)]
    [InlineData("br, gzip", true)]
    [InlineData("gzip;q=0.5", true)]
    [InlineData("*", true)]
    [InlineData("GZIP", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("gzip; q=0", false)]
    [InlineData("gzip;Q=0", false)]
    [InlineData("gzip;q=0.0", false)]
    [InlineData("gzip;q=0.000", false)]
    [InlineData("*, gzip;q=0", false)]
    [InlineData("gzip;q=0, *", false)]
    [InlineData("*;q=0", false)]
    [InlineData("identity", false)]
    [InlineData("gzipped", false)]
    [InlineData("", false)]
    public void AcceptsGzip_AcceptEncoding_HonoursWeights(string acceptEncoding, bool expected)
    {
        Assert.Equal(expected, ResponseWriter.AcceptsGzip(acceptEncoding));
    }
}
