import type { UserText } from '../../../../i18n/user-text';
import { said } from '../../state/language';
import { useSignal } from '@preact/signals';
import type { AccountView, ConnectionState, OutboxState } from '../../../../preload/contract';
import { unavailableAccount } from '../../state/session';
import { useApp } from '../app-context';
import { useNow } from '../common/clock';

function OfflineText({ state }: { state: Extract<ConnectionState, { kind: 'offline' }> }) {
  const now = useNow();
  const seconds = Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000));
  return (
    <>
      Offline ({said(state.reason)}). {seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again now.'}
    </>
  );
}

function connectionText(state: ConnectionState) {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'replaying':
      return state.total > 0 ? `Catching up: ${state.received} of ${state.total} messages.` : 'Catching up…';
    case 'live':
      return 'Connected.';
    case 'offline':
      return <OfflineText state={state} />;
    case 'auth-failed':
      return 'Signed out: the server rejected your credentials. Sign in again to receive messages.';
    case 'stopped':
      return 'Not connected.';
  }
}

function outboxText(outbox: OutboxState, live: boolean): string | null {
  const parts: string[] = [];
  if (outbox.queued > 0) {
    const count = `${outbox.queued} ${outbox.queued === 1 ? 'message' : 'messages'} queued`;
    parts.push(live && !outbox.paused ? `${count}, sending` : `${count}, will send when online`);
  }
  if (outbox.failed > 0) parts.push(`${outbox.failed} failed to send`);
  return parts.length === 0 ? null : `${parts.join('; ')}.`;
}

/**
 * Main could not open the account (another TigerDesk process has it, say): nothing flows, and
 * the reason is all there is to say. Trying again asks main to open it anew.
 */
function UnavailableContent({ account, reason }: { account: AccountView; reason: UserText }) {
  const app = useApp();
  const trying = useSignal(false);
  const tryAgain = () => {
    trying.value = true;
    // A refusal comes back as the session with its reason: this text again.
    void app.switchAccount(account.id).catch(() => undefined).finally(() => (trying.value = false));
  };
  return (
    <>
      <span class="banner-text">{said(reason)}</span>
      <button type="button" onClick={tryAgain} disabled={trying.value}>
        {trying.value ? 'Trying…' : 'Try again'}
      </button>
    </>
  );
}

function ConnectionContent({ state, outbox }: { state: ConnectionState; outbox: OutboxState }) {
  const app = useApp();
  const queued = outboxText(outbox, state.kind === 'live');
  return (
    <>
      <span class="banner-text">
        {connectionText(state)}
        {queued !== null && <> {queued}</>}
      </span>
      {state.kind === 'replaying' && state.total > 0 && <progress max={state.total} value={state.received} aria-label="Catching up" />}
      {outbox.failed > 0 && (
        <button type="button" onClick={() => void app.api.retryAll({})}>
          Retry all
        </button>
      )}
      {state.kind === 'auth-failed' && (
        <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'sign-in' })}>
          Sign in again
        </button>
      )}
    </>
  );
}

/**
 * The one place that says whether messages flow. It is always present (role status, polite)
 * so screen readers hear each change; when all is well it shrinks to a quiet line.
 */
export function ConnectionBanner() {
  const app = useApp();
  const unavailable = unavailableAccount(app.session.state.value);
  const state = app.connection.state.value;
  const outbox = app.connection.outbox.value;
  const live = state.kind === 'live';
  const tone = unavailable !== null || state.kind === 'auth-failed' ? 'alert' : live ? (outbox.failed > 0 ? 'warn' : 'ok') : 'warn';
  return (
    <div class={`banner banner-${tone}`} role="status" aria-live="polite">
      {unavailable !== null ? <UnavailableContent {...unavailable} /> : <ConnectionContent state={state} outbox={outbox} />}
    </div>
  );
}
