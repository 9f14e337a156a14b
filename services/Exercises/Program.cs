using GymCoach.Exercises;
using GymCoach.Lambda.Runtime;

return LambdaHost.Run(new ExercisesService().Functions());
