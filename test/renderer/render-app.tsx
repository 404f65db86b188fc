// Renders the whole app against a fake `window.tiger`, the way main.tsx does in the window.
import { cleanup, render } from '@testing-library/preact';
import { App } from '../../renderer/src/app';
import { createAppState } from '../../renderer/src/state/app-state';
import type { AppState } from '../../renderer/src/state/app-state';
import type { AlertTone } from '../../renderer/src/state/alert-tone';
import type { FrameScheduler } from '../../renderer/src/state/frame-batcher';
import { afterEach } from 'vitest';
import type { FakeTiger } from './fake-tiger';

afterEach(() => cleanup());

export function renderApp(fake: FakeTiger, schedule?: FrameScheduler, alertTone?: AlertTone): { state: AppState; container: Element } {
  const state = createAppState(fake.api, schedule, alertTone);
  const { container } = render(<App state={state} />);
  return { state, container };
}
