import { said } from '../../state/language';
import { useSignal } from '@preact/signals';
import type { AccountView, SessionState } from '../../../../preload/contract';
import { serverAddressProblem, signInErrorText } from '../../format/sign-in-error';
import type { SignInMethod } from '../../format/sign-in-error';
import { serverHint } from '../../format/server-hint';
import { useApp } from '../app-context';
import { ErrorAlert } from '../common/error-alert';
import { SecretStorageNotice } from '../banner/secret-storage-notice';

const defaultServer = 'http://127.0.0.1:7443/v2';

/** Why the person is looking at the sign-in form, if it was not their own choice. */
function sessionNotice(state: SessionState | null): string | null {
  if (state?.kind === 'credentials-rejected') return 'You were signed out because the server rejected your credentials. Sign in again.';
  if (state?.kind === 'keychain-unavailable') return `The system keychain is unavailable (${said(state.reason)}). Your sign-in cannot be stored safely until it is.`;
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
  const error = useSignal<string | null>(null);
  const sandboxOffered = app.settings.settings.value?.sandboxOffered ?? true;

  const finish = async (account: AccountView): Promise<void> => {
    password.value = '';
    secret.value = '';
    // The session as main has it, its lock included.
    await app.refreshSession();
    onSignedIn?.(account);
  };

  const run = async (attempt: () => Promise<AccountView>, kind: SignInMethod, address: string): Promise<void> => {
    busy.value = true;
    error.value = null;
    try {
      await finish(await attempt());
    } catch (failure) {
      error.value = signInErrorText(failure, kind, address);
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
        error.value = 'Enter your user ID and password.';
        return;
      }
      void run(() => app.api.signInWithPassword({ server: address, userId: userId.value.trim(), password: password.value }), 'password', address);
    } else {
      if (key.value.trim() === '' || secret.value === '') {
        error.value = 'Enter the key and the secret.';
        return;
      }
      void run(() => app.api.signInWithKey({ server: address, key: key.value.trim(), secret: secret.value }), 'key', address);
    }
  };

  const trySandbox = (): void => {
    void run(() => app.api.trySandbox(), 'password', 'the local sandbox');
  };

  const notice = sessionNotice(app.session.state.value);
  const hint = serverHint(managedServer ?? server.value);
  return (
    <form class="sign-in-form" onSubmit={submit} aria-describedby={error.value !== null ? 'sign-in-error' : undefined} noValidate>
      {notice !== null && <p class="notice">{notice}</p>}
      <label class="field">
        <span>Server</span>
        <input
          type="text"
          inputMode="url"
          name="server"
          value={managedServer ?? server.value}
          readOnly={managedServer !== null}
          aria-description={managedServer !== null ? 'Set by your organization' : undefined}
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
        <legend>Sign in with</legend>
        <label class="inline">
          <input type="radio" name="method" checked={method.value === 'password'} onChange={() => (method.value = 'password')} />
          User ID and password
        </label>
        <label class="inline">
          <input type="radio" name="method" checked={method.value === 'key'} onChange={() => (method.value = 'key')} />
          Key and secret
        </label>
      </fieldset>
      {method.value === 'password' ? (
        <>
          <label class="field">
            <span>User ID</span>
            <input name="user-id" value={userId.value} onInput={(e) => (userId.value = e.currentTarget.value)} autoComplete="username" spellcheck={false} data-autofocus />
          </label>
          <label class="field">
            <span>Password</span>
            <input type="password" name="password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} autoComplete="current-password" />
          </label>
        </>
      ) : (
        <>
          <label class="field">
            <span>Key</span>
            <input name="key" value={key.value} onInput={(e) => (key.value = e.currentTarget.value)} autoComplete="off" spellcheck={false} />
          </label>
          <label class="field">
            <span>Secret</span>
            <input type="password" name="secret" value={secret.value} onInput={(e) => (secret.value = e.currentTarget.value)} autoComplete="off" />
          </label>
        </>
      )}
      <ErrorAlert id="sign-in-error" message={error.value} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          Sign in
        </button>
        {sandboxOffered && (
          <button type="button" onClick={trySandbox} disabled={busy.value}>
            Try the local sandbox
          </button>
        )}
      </div>
      {busy.value && <p role="status">Signing in…</p>}
    </form>
  );
}

export function SignInScreen() {
  return (
    <main class="sign-in">
      <div class="sign-in-card">
        <h1>TigerDesk</h1>
        <p class="subtle">Secure messaging for your care team</p>
        <SecretStorageNotice />
        <SignInForm />
      </div>
    </main>
  );
}
