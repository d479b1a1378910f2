export * from './rules.ts';
export * from './lifecycle.ts';
export { runLifecycleOnce, startScheduler, type LifecycleRunResult, type RunningScheduler, type SchedulerContext, type SchedulerOptions } from './scheduler.ts';
