import { said, t } from '../../state/language';
import { useSignal } from '@preact/signals';
import type { AccountView, SessionState } from '../../../../preload/contract';
import { worded } from '../../format/failure-text';
import type { Wording } from '../../format/failure-text';
import { serverAddressProblem, signInError } from '../../format/sign-in-error';
import type { SignInMethod } from '../../format/sign-in-error';
import { serverHint } from '../../format/server-hint';
import { useApp } from '../app-context';
import { ErrorAlert } from '../common/error-alert';
import { SecretStorageNotice } from '../banner/secret-storage-notice';

const defaultServer = 'http://127.0.0.1:7443/v2';

/** Why the person is looking at the sign-in form, if it was not their own choice. */
function sessionNotice(state: SessionState | null): string | null {
  if (state?.kind === 'credentials-rejected') return t('signin.notice.credentials-rejected');
  if (state?.kind === 'keychain-unavailable') return t('signin.notice.keychain-unavailable', { reason: said(state.reason) });
  return null;
}

/** The sign-in form; `onSignedIn` lets settings reuse it to add an account. */
export function SignInForm({ onSignedIn }: { onSignedIn?: (account: AccountView) => void }) {
  const app = useApp();
  const method = useSignal<SignInMethod>('password');
  // A server preset by hospital IT is the only one offered.
  const managedServer = app.settings.settings.value?.server ?? null;
  const server = useSignal(managedServer ?? defaultServer);
  const userId = useSignal('');
  const password = useSignal('');
  const key = useSignal('');
  const secret = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<Wording | null>(null);
  const sandboxOffered = app.settings.settings.value?.sandboxOffered ?? true;

  const finish = async (account: AccountView): Promise<void> => {
    password.value = '';
    secret.value = '';
    // The session as main has it, its lock included.
    await app.refreshSession();
    onSignedIn?.(account);
  };

  /** `address` is the server tried, null for the local sandbox. */
  const run = async (attempt: () => Promise<AccountView>, kind: SignInMethod, address: string | null): Promise<void> => {
    busy.value = true;
    error.value = null;
    try {
      await finish(await attempt());
    } catch (failure) {
      error.value = signInError(failure, kind, address);
    } finally {
      busy.value = false;
    }
  };

  const submit = (event: Event): void => {
    event.preventDefault();
    const address = (managedServer ?? server.value).trim();
    const problem = serverAddressProblem(address);
    if (problem !== null) {
      error.value = problem;
      return;
    }
    if (method.value === 'password') {
      if (userId.value.trim() === '' || password.value === '') {
        error.value = { key: 'signin.error.no-password' };
        return;
      }
      void run(() => app.api.signInWithPassword({ server: address, userId: userId.value.trim(), password: password.value }), 'password', address);
    } else {
      if (key.value.trim() === '' || secret.value === '') {
        error.value = { key: 'signin.error.no-secret' };
        return;
      }
      void run(() => app.api.signInWithKey({ server: address, key: key.value.trim(), secret: secret.value }), 'key', address);
    }
  };

  const trySandbox = (): void => {
    void run(() => app.api.trySandbox(), 'password', null);
  };

  const notice = sessionNotice(app.session.state.value);
  const hint = serverHint(managedServer ?? server.value);
  return (
    <form class="sign-in-form" onSubmit={submit} aria-describedby={error.value !== null ? 'sign-in-error' : undefined} noValidate>
      {notice !== null && <p class="notice">{notice}</p>}
      <label class="field">
        <span>{t('signin.server')}</span>
        <input
          type="text"
          inputMode="url"
          name="server"
          value={managedServer ?? server.value}
          readOnly={managedServer !== null}
          aria-description={managedServer !== null ? t('signin.server.managed') : undefined}
          aria-describedby={hint !== null ? 'server-hint' : undefined}
          onInput={(e) => (server.value = e.currentTarget.value)}
          autoComplete="url"
          spellcheck={false}
        />
      </label>
      {hint !== null && (
        <p id="server-hint" class="field-hint">
          {hint}
        </p>
      )}
      <fieldset class="method">
        <legend>{t('signin.method')}</legend>
        <label class="inline">
          <input type="radio" name="method" checked={method.value === 'password'} onChange={() => (method.value = 'password')} />
          {t('signin.method.password')}
        </label>
        <label class="inline">
          <input type="radio" name="method" checked={method.value === 'key'} onChange={() => (method.value = 'key')} />
          {t('signin.method.key')}
        </label>
      </fieldset>
      {method.value === 'password' ? (
        <>
          <label class="field">
            <span>{t('signin.user-id')}</span>
            <input name="user-id" value={userId.value} onInput={(e) => (userId.value = e.currentTarget.value)} autoComplete="username" spellcheck={false} data-autofocus />
          </label>
          <label class="field">
            <span>{t('signin.password')}</span>
            <input type="password" name="password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} autoComplete="current-password" />
          </label>
        </>
      ) : (
        <>
          <label class="field">
            <span>{t('signin.key')}</span>
            <input name="key" value={key.value} onInput={(e) => (key.value = e.currentTarget.value)} autoComplete="off" spellcheck={false} />
          </label>
          <label class="field">
            <span>{t('signin.secret')}</span>
            <input type="password" name="secret" value={secret.value} onInput={(e) => (secret.value = e.currentTarget.value)} autoComplete="off" />
          </label>
        </>
      )}
      <ErrorAlert id="sign-in-error" message={worded(error.value)} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          {t('signin.submit')}
        </button>
        {sandboxOffered && (
          <button type="button" onClick={trySandbox} disabled={busy.value}>
            {t('signin.sandbox')}
          </button>
        )}
      </div>
      {busy.value && <p role="status">{t('signin.busy')}</p>}
    </form>
  );
}

export function SignInScreen() {
  return (
    <main class="sign-in">
      <div class="sign-in-card">
        <h1>{t('app.name')}</h1>
        <p class="subtle">{t('signin.tagline')}</p>
        <SecretStorageNotice />
        <SignInForm />
      </div>
    </main>
  );
}
