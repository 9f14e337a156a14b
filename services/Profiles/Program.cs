using GymCoach.Lambda.Functions;
using GymCoach.Lambda.Runtime;
using GymCoach.Profiles;

return LambdaHost.Run(new FunctionTable().Add(FunctionTable.DefaultHandler, ProfilesFunction.CreateFromEnvironment));
