export * from './rules.ts';
export * from './lifecycle.ts';
