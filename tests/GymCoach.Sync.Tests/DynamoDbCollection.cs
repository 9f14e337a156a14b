using GymCoach.TestSupport;

namespace GymCoach.Sync.Tests;

/// <summary>All classes in this collection share one DynamoDB Local.</summary>
[CollectionDefinition(Name)]
public sealed class DynamoDbCollection : ICollectionFixture<DynamoDbFixture>
{
    public const string Name = "DynamoDB Local";
}
