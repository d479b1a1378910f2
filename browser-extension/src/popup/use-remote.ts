import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiRequestError, type ApiTarget } from '../shared/api-client.ts';
import { errorText } from '../shared/api-client.ts';

export type Remote<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; data: T }
  | { kind: 'unavailable' }
  | { kind: 'error'; message: string };

/** Loads once per target; a 404 for the whole feature becomes "unavailable". */
export function useRemote<T>(target: ApiTarget, load: (target: ApiTarget, signal: AbortSignal) => Promise<T>): [Remote<T>, () => void] {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ kind: 'loading' });
    load(target, ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ kind: 'ready', data }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiRequestError && err.featureUnavailable) setState({ kind: 'unavailable' });
        else setState({ kind: 'error', message: errorText(err) });
      },
    );
    return () => ctrl.abort();
    // `load` is a module-level function per tab; re-run on target or retry only.
  }, [target, round]);
  const retry = useCallback(() => setRound((r) => r + 1), []);
  return [state, retry];
}
