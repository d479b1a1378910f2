// The worker runs from TypeScript source (no build step, see worker/package.json).
// A worker thread starts without the parent's loaders: tsx does not carry over
// (checked under tsx 4.23 and vitest 4), and `execArgv: ['--import', 'tsx']` is
// rejected for workers on Node 20. Registering tsx's ESM hooks here, inside the
// thread, makes the .ts import below work under node, tsx and vitest alike.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
