export { startWorker, type RunningWorker, type WorkerOptions } from './worker.ts';
export { runLifecycleOnce, startScheduler, type LifecycleRunResult, type RunningScheduler, type SchedulerContext, type SchedulerOptions } from './pet/scheduler.ts';
export { processDelivery, type WorkerContext } from './process-delivery.ts';
export { applyCommit, applyStoredAnalysis } from './apply-commit.ts';
export type { PetUpdatedEvent } from '@tamagitto/db';
export { recoverDeliveries } from './recover.ts';
export { readWorkerEnv, type WorkerEnv } from './env.ts';
export { pollOnce } from './poller.ts';
export { createWorkerMetrics, type WorkerMetrics } from './metrics.ts';
