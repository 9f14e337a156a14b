using GymCoach.Lambda.Http;

namespace GymCoach.Data;

/// <summary>
/// The data layer's exceptions as HTTP answers, in one list every service hands its <see cref="HttpFunction"/>:
/// throttling past the SDK's retries → 503, a failed write precondition → 412/428.
/// </summary>
public static class DataExceptions
{
    public static readonly IReadOnlyList<Func<Exception, HttpProblemException?>> Mappers = [ThrottlingMapper.Map, Versioning.Map];
}
