/**
 * Body of a parse-pool thread: parses files on request so syntax-tree work
 * (CPU-bound, synchronous inside WebAssembly) never blocks the queue consumer's
 * event loop. Started through parse-worker-boot.mjs, which makes `.ts` importable.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type ParseRequest, type ParseResponse } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts must run in a worker thread');

port.on('message', (req: ParseRequest) => {
  runTask(req).then(
    (result) => port.postMessage({ id: req.id, result } satisfies ParseResponse),
    (error: unknown) => port.postMessage({ id: req.id, error: String(error) } satisfies ParseResponse),
  );
});
// Loaded and listening: dying from here on is a crash on a job, not a failure to start.
port.postMessage({ ready: true } satisfies ParseResponse);
