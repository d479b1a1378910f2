/**
 * A view whose code loads in its own chunk on first render, for parts of the
 * popup that are below the fold or wait on the network anyway, so they stay
 * out of the popup's first-paint bytes (bench/popup.ts). Renders nothing
 * until the chunk is in; the chunk is asked for once per popup page.
 */
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { snapshotRender } from './snapshot.ts';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  let loaded: ComponentType<P> | null = null;
  return function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (View) return;
      let alive = true;
      (loading ??= load()).then(
        (v) => {
          loaded = v;
          if (alive) setView(() => v);
        },
        () => {
          loading = null; // A failed load is asked again by the next mount.
        },
      );
      return () => {
        alive = false;
      };
    }, []);
    // The snapshot is the first screen of a fresh page, where no chunk is in yet (snapshot.ts).
    return View && !snapshotRender.on ? <View {...props} /> : null;
  };
}
