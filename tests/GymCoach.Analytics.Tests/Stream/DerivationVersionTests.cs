using GymCoach.Analytics.Data;
using GymCoach.Analytics.Domain;
using GymCoach.Data;
using GymCoach.Data.Batching;
using GymCoach.TestSupport;

namespace GymCoach.Analytics.Tests.Stream;

/// <summary>A changed formula rebuilds what the older one derived on the user's next update, with no recompute asked for.</summary>
[Collection(DynamoDbCollection.Name)]
public sealed class DerivationVersionTests(DynamoDbFixture dynamo)
{
    [Fact]
    public async Task Update_DigestsOfAnOlderFormula_AreDerivedAgainAndStampedWithTheNewOne()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("dev", ("barbell-back-squat", 5, 100, "normal"));
        await loop.TrainAsync("dev", ("barbell-bench-press", 8, 60, "normal"));
        await loop.SettleAsync();
        var before = await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "dev", Keys.AnalyticsSessionPrefix);
        Assert.Equal(2, before.Count);
        Assert.All(before, d => Assert.Equal(Derivation.Current.Digests.ToString(System.Globalization.CultureInfo.InvariantCulture), d[AnalyticsItems.DerivationAttribute].N));

        // The next formula, on an update that names no session (a weigh-in, say).
        await Updater(loop, new Derivation(Derivation.Current.Digests + 1, Derivation.Current.Aggregates))
            .UpdateAsync(new UserChanges("dev", new HashSet<string>(), Measurements: true, Everything: false), CancellationToken.None);

        var after = await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "dev", Keys.AnalyticsSessionPrefix);
        Assert.Equal(2, after.Count);
        Assert.All(after, d => Assert.Equal((Derivation.Current.Digests + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), d[AnalyticsItems.DerivationAttribute].N));
    }

    [Fact]
    public async Task Update_SummaryOfAnOlderAggregateFormula_RewritesEveryWeekAndDropsWhatIsNoLongerDerived()
    {
        await using var loop = await AnalyticsLoop.StartAsync(dynamo);
        await loop.TrainAsync("ava", ("barbell-back-squat", 5, 100, "normal"));
        await loop.SettleAsync();
        var stray = new WeekStats(new DateOnly(2020, 1, 6), 1, 500, 60, 5, 5, new Dictionary<string, int>());
        await loop.Dynamo.Client.PutItemAsync(loop.Table, AnalyticsItems.Item("ava", Keys.AnalyticsWeek(stray.WeekStart), AnalyticsItems.WeekEntity, stray, AnalyticsJsonContext.Default.WeekStats));

        // Precondition: an update under the same formula only touches the weeks its sessions are in.
        await Updater(loop, Derivation.Current).UpdateAsync(new UserChanges("ava", new HashSet<string>(), true, false), CancellationToken.None);
        Assert.Equal(2, (await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "ava", Keys.AnalyticsWeekPrefix)).Count);

        await Updater(loop, new Derivation(Derivation.Current.Digests, Derivation.Current.Aggregates + 1))
            .UpdateAsync(new UserChanges("ava", new HashSet<string>(), true, false), CancellationToken.None);

        Assert.Single(await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "ava", Keys.AnalyticsWeekPrefix));
        var summary = Assert.Single(await StoredItems.QueryAsync(loop.Dynamo.Client, loop.Table, "ava", Keys.AnalyticsSummary));
        Assert.Equal((Derivation.Current.Aggregates + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), summary[AnalyticsItems.DerivationAttribute].N);
    }

    private static AggregateUpdater Updater(AnalyticsLoop loop, Derivation derivation)
    {
        var batch = new BatchOptimizer(loop.Dynamo.Client, loop.Table);
        return new AggregateUpdater(new AggregateStore(loop.Dynamo.Client, loop.Table, batch), new WorkoutHistory(loop.Dynamo.Client, loop.Table), new ExerciseMuscles(batch), TimeProvider.System, derivation);
    }
}
