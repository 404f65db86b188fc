import type { UserText } from '../../../../i18n/user-text';
import { said, t } from '../../state/language';
import { useSignal } from '@preact/signals';
import type { AccountView, ConnectionState, OutboxState } from '../../../../preload/contract';
import { unavailableAccount } from '../../state/session';
import { useApp } from '../app-context';
import { useNow } from '../common/clock';

function OfflineText({ state }: { state: Extract<ConnectionState, { kind: 'offline' }> }) {
  const now = useNow();
  const seconds = Math.max(0, Math.ceil((state.nextRetryAt - now) / 1000));
  return (
    <>{seconds > 0 ? t('banner.offline.retry-in', { reason: said(state.reason), seconds }) : t('banner.offline.retry-now', { reason: said(state.reason) })}</>
  );
}

function connectionText(state: ConnectionState) {
  switch (state.kind) {
    case 'connecting':
      return t('banner.connecting');
    case 'replaying':
      return state.total > 0 ? t('banner.catching-up.progress', { received: state.received, total: state.total }) : t('banner.catching-up');
    case 'live':
      return t('banner.connected');
    case 'offline':
      return <OfflineText state={state} />;
    case 'auth-failed':
      return t('banner.auth-failed');
    case 'stopped':
      return t('banner.stopped');
  }
}

function outboxText(outbox: OutboxState, live: boolean): string | null {
  const { queued, failed } = outbox;
  if (queued === 0) return failed === 0 ? null : t('banner.outbox.failed', { failed });
  const sending = live && !outbox.paused ? 'sending' : 'waiting';
  return failed === 0 ? t('banner.outbox.queued', { queued, sending }) : t('banner.outbox.queued-failed', { queued, sending, failed });
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
        {trying.value ? t('banner.trying') : t('banner.try-again')}
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
      {state.kind === 'replaying' && state.total > 0 && <progress max={state.total} value={state.received} aria-label={t('banner.catching-up.label')} />}
      {outbox.failed > 0 && (
        <button type="button" onClick={() => void app.api.retryAll({})}>
          {t('banner.retry-all')}
        </button>
      )}
      {state.kind === 'auth-failed' && (
        <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'sign-in' })}>
          {t('banner.sign-in-again')}
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
