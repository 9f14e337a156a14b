using GymCoach.Lambda.Runtime;
using GymCoach.Profiles;

return LambdaHost.Run(new ProfilesService().Functions());
