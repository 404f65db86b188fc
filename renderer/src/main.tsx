import { render } from 'preact';
import { App } from './app';
import { createAppState } from './state/app-state';
import { tiger } from './tiger';

const root = document.getElementById('app');
if (root) {
  const state = createAppState(tiger());
  // A draft typed in the last moments before closing is still saved.
  window.addEventListener('beforeunload', () => void state.composer.flushDraft());
  render(<App state={state} />, root);
}
