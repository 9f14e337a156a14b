using System.Text.Json.Serialization;

namespace GymCoach.Lambda.Tests.Runtime;

[JsonSerializable(typeof(string))]
internal sealed partial class LambdaTestsJson : JsonSerializerContext;
