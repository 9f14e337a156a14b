using GymCoach.TestSupport;

namespace GymCoach.Deployment.Tests;

/// <summary>All classes in this collection share one DynamoDB Local and one s3rver.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbCollection : ICollectionFixture<DynamoDbFixture>, ICollectionFixture<S3Fixture>
{
    public const string Name = "DynamoDB Local";
}
