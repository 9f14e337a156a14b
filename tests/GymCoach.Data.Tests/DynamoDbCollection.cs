using GymCoach.TestSupport;

namespace GymCoach.Data.Tests;

[CollectionDefinition(Name)]
public sealed class DynamoDbCollection : ICollectionFixture<DynamoDbFixture>
{
    public const string Name = "DynamoDB Local";
}
