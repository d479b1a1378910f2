import { render } from 'preact';
import { readStore } from '../shared/storage.ts';
import { OptionsApp } from './options-app.tsx';

void readStore(['settings', 'session']).then((initial) => {
  const root = document.getElementById('app');
  if (root) render(<OptionsApp initial={initial} />, root);
});
