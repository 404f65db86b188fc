// The window in a pseudo-locale, in Chromium: the real App and stylesheet over the renderer
// tests' fake main (a desk in the middle of a shift), every word 40 % longer, and the page
// right-to-left when the URL's hash says `rtl`. The test opens dialogs through `layoutState`.
import { render } from 'preact';
import { App } from '../../../renderer/src/app';
import { createAppState } from '../../../renderer/src/state/app-state';
import type { AppState } from '../../../renderer/src/state/app-state';
import { useTranslator } from '../../../renderer/src/state/language';
import { pseudoTranslator } from '../../support/pseudo-locale';
import { busyDesk } from '../../renderer/busy-desk';

declare global {
  interface Window {
    layoutState: AppState;
  }
}

useTranslator(pseudoTranslator({ direction: location.hash === '#rtl' ? 'rtl' : 'ltr' }));
const state = createAppState(busyDesk().fake.api);
window.layoutState = state;
render(<App state={state} />, document.getElementById('app')!);
