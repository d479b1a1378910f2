import { render } from 'preact';
import { App } from './app.tsx';
import { readStore, type StoreKey } from '../shared/storage.ts';

// Read the cache before the first render so the pet paints in one frame
// (issue 4: < 100 ms from opening the popup to the pet's first paint).
performance.mark('tamagitto:script-start');
const KEYS: StoreKey[] = ['settings', 'session', 'pets', 'petDetails', 'selectedPetId', 'live', 'lastChange'];
void readStore(KEYS).then((initial) => {
  performance.mark('tamagitto:cache-read');
  const root = document.getElementById('app');
  if (root) render(<App initial={initial} />, root);
});
