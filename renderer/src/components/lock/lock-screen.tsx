import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { LockState } from '../../../../preload/contract';
import type { UserText } from '../../../../i18n/user-text';
import { failureText } from '../../format/failure-text';
import { said, t } from '../../state/language';
import { useApp } from '../app-context';
import { ErrorAlert } from '../common/error-alert';
import { SignInForm } from '../signin/sign-in';

/** Whole seconds until `retryAt`, counted down once a second while there is a wait. */
function useSecondsUntil(retryAt: number | null): number {
  const now = useSignal(Date.now());
  useEffect(() => {
    if (retryAt === null || retryAt <= Date.now()) return;
    const timer = setInterval(() => {
      now.value = Date.now();
      if (now.value >= retryAt) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  return retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now.value) / 1000));
}

/** What unlocks it, for the messages that name it: 'pin' or 'password'. */
function secretKind(lock: LockState): 'pin' | 'password' {
  return lock.method === 'pin' ? 'pin' : 'password';
}

/**
 * "Switch user": another person signs in (or another account stored here opens, itself locked),
 * while the locked account stays signed in, disconnected, until someone unlocks it again.
 */
function SwitchUser({ back }: { back: () => void }) {
  const app = useApp();
  const error = useSignal<UserText | null>(null);
  useEffect(() => void app.session.refreshAccounts().catch(() => undefined), []);
  const others = app.session.accounts.value.filter((account) => !account.active);
  return (
    <main class="sign-in">
      <div class="sign-in-card">
        <h1>{t('lock.switch-user')}</h1>
        <p class="subtle">{t('lock.switch-user.note')}</p>
        {others.length > 0 && (
          <ul class="accounts" aria-label={t('lock.accounts')}>
            {others.map((account) => (
              <li key={account.id} class="account-row">
                <span>{account.displayName}</span>
                <button
                  type="button"
                  onClick={() => {
                    error.value = null;
                    app.switchAccount(account.id).catch((failure: unknown) => (error.value = failureText(failure)));
                  }}
                  aria-label={t('lock.switch-to', { name: account.displayName })}
                >
                  {t('lock.switch')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorAlert message={error.value === null ? null : said(error.value)} />
        <SignInForm />
        <div class="actions">
          <button type="button" onClick={back}>
            {t('lock.back')}
          </button>
        </div>
      </div>
    </main>
  );
}

/**
 * All a locked window shows: no message, name or preview of the account's data (main sends
 * none while locked), the urgent messages waiting as a count alone, and what unlocks it.
 */
export function LockScreen({ lock, accountName }: { lock: LockState; accountName: string }) {
  const app = useApp();
  const secret = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<UserText | null>(null);
  const switching = useSignal(false);
  // Signing out erases this computer's copy, queued messages included: it takes a second click.
  const confirmSignOut = useSignal(false);
  const waitSeconds = useSecondsUntil(lock.retryAt);
  const urgent = app.urgent.count.value;
  const field = useRef<HTMLInputElement>(null);
  // The field is where the person's hands go first; after a wrong try it is cleared and focused again.
  useEffect(() => field.current?.focus(), [switching.value, error.value]);

  if (switching.value) return <SwitchUser back={() => (switching.value = false)} />;

  const attempt = async (action: () => Promise<unknown>): Promise<void> => {
    if (secret.value === '') {
      error.value = { key: 'lock.enter-secret', params: { secret: secretKind(lock) } };
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      await action();
      secret.value = '';
      await app.refreshSession();
    } catch (failure) {
      error.value = failureText(failure);
      secret.value = '';
    } finally {
      busy.value = false;
    }
  };
  const unlock = (event: Event): void => {
    event.preventDefault();
    void attempt(() => app.api.unlock({ secret: secret.value }));
  };
  const signOut = (): void => {
    if (!confirmSignOut.value) {
      confirmSignOut.value = true;
      return;
    }
    void attempt(() => app.api.signOutFromLock({ secret: secret.value }));
  };

  return (
    <main class="sign-in lock-screen" aria-labelledby="lock-title">
      <div class="sign-in-card">
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p class="subtle">{accountName}</p>
        {urgent > 0 && (
          <p class="banner banner-urgent" role="alert">
            {t('lock.urgent', { count: urgent })}
          </p>
        )}
        {lock.method === null ? (
          <p class="notice">{t('lock.no-method')}</p>
        ) : (
          <form class="sign-in-form" onSubmit={unlock} noValidate>
            <label class="field">
              <span>{t('lock.secret', { secret: secretKind(lock) })}</span>
              <input
                type="password"
                name="unlock-secret"
                inputMode={lock.method === 'pin' ? 'numeric' : undefined}
                autoComplete="off"
                value={secret.value}
                onInput={(event) => (secret.value = event.currentTarget.value)}
                ref={field}
              />
            </label>
            {lock.pinTriesLeft !== null && lock.pinTriesLeft < 5 && (
              <p class="subtle">{t('lock.pin-tries-left', { count: lock.pinTriesLeft })}</p>
            )}
            {lock.method === 'password' && lock.hasPin && <p class="subtle">{t('lock.pin-exhausted')}</p>}
            {waitSeconds > 0 && <p role="status">{t('lock.wait', { seconds: waitSeconds })}</p>}
            <ErrorAlert message={error.value === null ? null : said(error.value)} />
            <div class="actions">
              <button type="submit" class="primary" disabled={busy.value || waitSeconds > 0}>
                {t('lock.unlock')}
              </button>
            </div>
          </form>
        )}
        <div class="actions">
          <button type="button" onClick={() => (switching.value = true)} disabled={busy.value}>
            {t('lock.switch-user')}
          </button>
          {lock.method !== null && (
            <button type="button" class="danger" onClick={signOut} disabled={busy.value || waitSeconds > 0}>
              {confirmSignOut.value ? t('lock.sign-out.confirm') : t('lock.sign-out')}
            </button>
          )}
        </div>
        {confirmSignOut.value && <p class="subtle">{t('lock.sign-out.note', { secret: secretKind(lock) })}</p>}
      </div>
    </main>
  );
}
