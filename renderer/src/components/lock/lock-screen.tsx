import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { LockState } from '../../../../preload/contract';
import { errorText } from '../../format/error-text';
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

function secretName(lock: LockState): string {
  return lock.method === 'pin' ? 'PIN' : 'Password';
}

/**
 * "Switch user": another person signs in (or another account stored here opens, itself locked),
 * while the locked account stays signed in, disconnected, until someone unlocks it again.
 */
function SwitchUser({ back }: { back: () => void }) {
  const app = useApp();
  const error = useSignal<string | null>(null);
  useEffect(() => void app.session.refreshAccounts().catch(() => undefined), []);
  const others = app.session.accounts.value.filter((account) => !account.active);
  return (
    <main class="sign-in">
      <div class="sign-in-card">
        <h1>Switch user</h1>
        <p class="subtle">The locked account stays signed in on this computer and asks for its password or PIN when it is opened again.</p>
        {others.length > 0 && (
          <ul class="accounts" aria-label="Accounts on this computer">
            {others.map((account) => (
              <li key={account.id} class="account-row">
                <span>{account.displayName}</span>
                <button
                  type="button"
                  onClick={() => {
                    error.value = null;
                    app.switchAccount(account.id).catch((failure: unknown) => (error.value = errorText(failure)));
                  }}
                  aria-label={`Switch to ${account.displayName}`}
                >
                  Switch
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorAlert message={error.value} />
        <SignInForm />
        <div class="actions">
          <button type="button" onClick={back}>
            Back to the lock screen
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
  const error = useSignal<string | null>(null);
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
      error.value = `Enter your ${secretName(lock) === 'PIN' ? 'PIN' : 'password'}.`;
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      await action();
      secret.value = '';
      await app.refreshSession();
    } catch (failure) {
      error.value = errorText(failure);
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
        <h1 id="lock-title">TigerDesk is locked</h1>
        <p class="subtle">{accountName}</p>
        {urgent > 0 && (
          <p class="banner banner-urgent" role="alert">
            {urgent === 1 ? 'Urgent: 1 unread urgent message. Unlock to read it.' : `Urgent: ${urgent} unread urgent messages. Unlock to read them.`}
          </p>
        )}
        {lock.method === null ? (
          <p class="notice">Nothing on this computer can unlock this account. Choose Switch user and sign in to it again.</p>
        ) : (
          <form class="sign-in-form" onSubmit={unlock} noValidate>
            <label class="field">
              <span>{secretName(lock)}</span>
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
              <p class="subtle">{lock.pinTriesLeft === 1 ? '1 try left' : `${lock.pinTriesLeft} tries left`} before only the password unlocks.</p>
            )}
            {lock.method === 'password' && lock.hasPin && <p class="subtle">Too many wrong PINs: enter the account's password.</p>}
            {waitSeconds > 0 && <p role="status">Too many wrong tries. Try again in {waitSeconds} s.</p>}
            <ErrorAlert message={error.value} />
            <div class="actions">
              <button type="submit" class="primary" disabled={busy.value || waitSeconds > 0}>
                Unlock
              </button>
            </div>
          </form>
        )}
        <div class="actions">
          <button type="button" onClick={() => (switching.value = true)} disabled={busy.value}>
            Switch user
          </button>
          {lock.method !== null && (
            <button type="button" class="danger" onClick={signOut} disabled={busy.value || waitSeconds > 0}>
              {confirmSignOut.value ? 'Confirm: sign out and erase' : 'Sign out'}
            </button>
          )}
        </div>
        {confirmSignOut.value && <p class="subtle">Signing out needs your {secretName(lock) === 'PIN' ? 'PIN' : 'password'} above, and erases this account's messages and unsent messages from this computer.</p>}
      </div>
    </main>
  );
}
