import type { UserText } from '../../../i18n/user-text';

/** What the event stream is doing, for the window's connection banner and for sign-out. */
export type StreamState =
  | { kind: 'connecting' }
  /** Catching up on what arrived while away: `received` of `total` replayed events stored. */
  | { kind: 'replaying'; received: number; total: number }
  | { kind: 'live' }
  /** Not connected; the next attempt is at `nextRetryAt` (ms since the epoch). */
  | { kind: 'offline'; nextRetryAt: number; reason: UserText }
  /** The server refused the credentials (401): no more attempts until started again. */
  | { kind: 'auth-failed' }
  | { kind: 'stopped' };

export type StateListener = (state: StreamState) => void;
