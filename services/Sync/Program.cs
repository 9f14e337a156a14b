using GymCoach.Lambda.Runtime;
using GymCoach.Sync;

return LambdaHost.Run(new SyncService().Functions());
