using GymCoach.Data.Writes;
using GymCoach.Data.Idempotency;

namespace GymCoach.Lambda.Http.Idempotency;

/// <summary>
/// A create route's handler: like <see cref="RouteHandler"/>, plus the <see cref="Creation"/> (id and time) to
/// give the new item, which is the same on every attempt of one idempotent request.
/// </summary>
public delegate ValueTask<HttpResult> CreateHandler(HttpRequestContext request, Creation creation);
