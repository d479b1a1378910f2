export { startWorker, type RunningWorker, type WorkerOptions } from './worker.ts';
export { processDelivery, type WorkerContext } from './process-delivery.ts';
export { applyCommit, type PetUpdatedEvent } from './apply-commit.ts';
export { recoverDeliveries } from './recover.ts';
export { readWorkerEnv, type WorkerEnv } from './env.ts';
