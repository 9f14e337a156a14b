using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Tests.Runtime;

public sealed class DeadlineBudgetTests
{
    [Theory]
    [InlineData(10_000, 1_000, 9_000)]
    [InlineData(1_500, 1_000, 750)]
    [InlineData(0, 1_000, 0)]
    [InlineData(-5, 1_000, 0)]
    [InlineData(3_000, 0, 3_000)]
    public void WorkTime_RemainingAndMargin_LeavesTheMarginButAtLeastHalf(int remainingMs, int marginMs, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DeadlineBudget.WorkTime(TimeSpan.FromMilliseconds(remainingMs), TimeSpan.FromMilliseconds(marginMs)));
    }
}
