using GymCoach.Analytics;
using GymCoach.Lambda.Runtime;

return LambdaHost.Run(new AnalyticsService().Functions());
