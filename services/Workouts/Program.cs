using GymCoach.Lambda.Runtime;
using GymCoach.Workouts;

return LambdaHost.Run(new WorkoutsService().Functions());
