using System.Globalization;
using GymCoach.Data;

namespace GymCoach.Lambda.Http;

/// <summary>
/// Reads a write's conditional headers into the data layer's <see cref="WritePrecondition"/> — RFC 9110's
/// If-Match (strong comparison: <c>W/"n"</c> never matches a write) and <c>If-None-Match: *</c> — so every
/// service's PUT/PATCH gets the same rules by calling it.
/// </summary>
public static class Preconditions
{
    /// <summary>
    /// The precondition of a create-or-replace request, from If-Match / If-None-Match. An If-Match none of
    /// whose tags can ever match (weak, malformed) is a 412 at once; If-None-Match other than <c>*</c> is 400
    /// (only <c>*</c> means anything for a write).
    /// </summary>
    public static WritePrecondition Read(HttpRequestContext request)
    {
        var ifMatch = request.Header("if-match");
        var ifNoneMatch = request.Header("if-none-match");
        if (ifMatch is not null && ifNoneMatch is not null)
        {
            throw HttpProblemException.BadRequest("Send If-Match or If-None-Match, not both.", "If-None-Match");
        }

        if (ifNoneMatch is not null)
        {
            return ifNoneMatch.Trim() == "*"
                ? WritePrecondition.IfNoneExists
                : throw HttpProblemException.BadRequest("Only 'If-None-Match: *' (create only) is supported on writes.", "If-None-Match");
        }

        if (ifMatch is null)
        {
            return WritePrecondition.Blind;
        }

        if (ifMatch.Trim() == "*")
        {
            return WritePrecondition.IfAnyExists;
        }

        // A list of tags matches when any strong one names the current version (RFC 9110 §13.1.1); weak and
        // malformed tags never match, so they are dropped.
        var versions = new List<long>();
        foreach (var part in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > 2 && part[0] == '"' && part[^1] == '"'
                && long.TryParse(part.AsSpan(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                && !versions.Contains(version))
            {
                versions.Add(version);
            }
        }

        if (versions.Count > Versioning.MaxVersions)
        {
            throw HttpProblemException.BadRequest($"If-Match may name at most {Versioning.MaxVersions} versions.", "If-Match");
        }

        return versions.Count > 0
            ? WritePrecondition.IfVersion([.. versions])
            : throw HttpProblemException.PreconditionFailed("If-Match names no current version (weak and malformed tags never match).");
    }

}
