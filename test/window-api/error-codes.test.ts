import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import { acquireAccountLock, AccountLockError } from '../../main/core/account/account-lock';
import { ApiError, createApiClient } from '../../main/core/api';
import { createLogger } from '../../main/core/log/logger';
import { OutboxError } from '../../main/core/outbox';
import { ServerUrlError, SessionError } from '../../main/core/session';
import { serverFailure } from '../../main/core/session/server-failure';
import { checkServerAllowed, SettingsError } from '../../main/core/settings/preferences';
import { AttachmentCacheError } from '../../main/core/store';
import { VaultError } from '../../main/core/vault';
import { keychainFailure } from '../../main/core/vault/keychain-failure';
import { accountCalls, NotSignedIn } from '../../main/window-api/account-calls';
import { answerCall } from '../../main/window-api/answer-call';
import { CallRefusal } from '../../main/window-api/call-refusal';
import { callFailure } from '../../main/window-api/error-codes';
import { checkedFile, PickedFiles, unwrittenFile } from '../../main/window-api/file-dialogs';
import { localMessageId, throughServer } from '../../main/window-api/runtime-calls';
import { useHarness } from '../api/fixture';
import { rejectionOf } from '../support/rejection';

const quietLog = { warn: () => {} };

/** What the API client really throws when the server answers `status`. */
async function httpFailure(api: ReturnType<typeof useHarness>, status: number): Promise<ApiError> {
  api.server.respond({ status, body: { error: { message: `answered ${status}` } } });
  return rejectionOf(api.client.getRoster(), ApiError);
}

describe('errors from the server keep their kind', () => {
  const api = useHarness();

  it.each([
    [401, 'unauthorized'],
    [404, 'not-found'],
    [413, 'too-large'],
    [400, 'refused'],
    [403, 'refused'],
    [422, 'refused'],
    [408, 'server-error'],
    [429, 'server-error'],
    [500, 'server-error'],
    [503, 'server-error'],
  ] as const)('an HTTP %i is %s, with the client\'s own message', async (status, code) => {
    const error = await httpFailure(api, status);
    expect(callFailure(error)).toEqual({ code, text: userText('api.http-saying', { operation: 'getRoster', status, serverMessage: `answered ${status}` }) });
    expect(englishText(callFailure(error).text)).toBe(`getRoster: HTTP ${status}: answered ${status}`);
  });

  it('a server that cannot be reached is offline', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const closed = createApiClient({ baseUrl: `http://127.0.0.1:${port}/v2`, credentials: { key: 'k', secret: 's' } });
    const error = await rejectionOf(closed.getRoster(), ApiError);
    expect(error.kind).toBe('network');
    expect(callFailure(error).code).toBe('offline');
  });

  it('a timeout is offline and a reply that cannot be read is a server error', () => {
    expect(callFailure(new ApiError({ kind: 'timeout', operation: 'getRoster', detail: 'no answer in 30 s' })).code).toBe('offline');
    expect(callFailure(new ApiError({ kind: 'bad-response', operation: 'getRoster', detail: 'not JSON' })).code).toBe('server-error');
  });

  it('a call that rewords the server\'s failure keeps its kind', async () => {
    api.server.respond({ status: 413, body: { error: { message: 'answered 413' } } });
    const refused = await rejectionOf(throughServer('attachment_download', () => api.client.getRoster()), CallRefusal);
    expect(callFailure(refused)).toEqual({
      code: 'too-large',
      text: userText('api.refused-by-server-saying', { operation: 'attachment_download', status: 413, serverMessage: 'answered 413' }),
    });
    expect(englishText(callFailure(refused).text)).toBe('Downloading the attachment was refused by the server (HTTP 413: answered 413)');
    const offline = new ApiError({ kind: 'network', operation: 'getAttachment', networkCode: 'ECONNREFUSED' });
    const unreachable = await rejectionOf(throughServer('attachment_download', () => Promise.reject(offline)), CallRefusal);
    expect(callFailure(unreachable)).toEqual({ code: 'offline', text: userText('api.needs-connection', { operation: 'attachment_download' }) });
  });
});

describe('errors of signing in keep their kind', () => {
  const server = 'https://tt.example/v2';

  it.each([
    ['a refused password', new ApiError({ kind: 'http', operation: 'login', status: 401, serverMessage: 'bad password' }), 'unauthorized'],
    ['a server out of reach', new ApiError({ kind: 'network', operation: 'login', networkCode: 'ECONNREFUSED' }), 'offline'],
    ['a server that fails', new ApiError({ kind: 'http', operation: 'login', status: 500 }), 'server-error'],
  ] as const)('%s, as the session words it', (_what, apiError, code) => {
    const error = serverFailure(apiError, server, userText('session.password-refused'));
    expect(error).toBeInstanceOf(SessionError);
    expect(callFailure(error)).toEqual({ code, text: (error as SessionError).said });
    expect(callFailure(error).text.key).not.toBe('said.english');
  });

  it.each([
    ['no-organization', 'refused'],
    ['keychain-unavailable', 'keychain-unavailable'],
    ['unknown-account', 'not-found'],
    ['not-signed-in', 'not-signed-in'],
  ] as const)('a session error for %s is %s', (reason, code) => {
    expect(callFailure(new SessionError(reason, userText('session.not-signed-in'))).code).toBe(code);
  });

  it('a keychain that does not answer is keychain-unavailable, whatever the cause', () => {
    const locked = keychainFailure('read', new Error('Cannot get secret of a locked collection'));
    expect(locked.cause).toBe('locked');
    expect(callFailure(locked)).toEqual({
      code: 'keychain-unavailable',
      text: userText('vault.keychain-locked', { operation: 'read', detail: 'Cannot get secret of a locked collection' }),
    });
    expect(callFailure(new VaultError('malformed', userText('vault.entry-not-json', { entry: 'database_key', account: 'a1' }))).code).toBe('keychain-unavailable');
  });

  it('a server other than the managed one is refused', () => {
    let error: unknown;
    try {
      checkServerAllowed('https://elsewhere.example/v2', { serverUrl: server });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect(callFailure(error)).toEqual({ code: 'refused', text: userText('settings-error.server-managed', { server }) });
    expect(englishText(callFailure(error).text)).toBe(`Your organization's settings allow only the server ${server}`);
  });

  it('a server address that is not one, or not https, is refused with its reason', () => {
    for (const problem of ['empty', 'not-an-address', 'not-https'] as const) {
      expect(callFailure(new ServerUrlError(problem, userText('session.https-only')))).toEqual({ code: 'refused', text: userText('session.https-only') });
    }
  });
});

describe('errors of this machine keep their kind', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  it('an account open in another holder is account-busy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-codes-'));
    folders.push(dir);
    const log = createLogger('lock', () => {});
    const held = await acquireAccountLock({ dir, log });
    try {
      const error = await rejectionOf(acquireAccountLock({ dir, log }), AccountLockError);
      expect(callFailure(error)).toEqual({ code: 'account-busy', text: userText('account.open-here', { pid: process.pid }) });
    } finally {
      held.release();
    }
  });

  it('a call without a signed-in account is not-signed-in', async () => {
    const signedOut = accountCalls(() => null, () => {});
    expect(await answerCall('roster', undefined, signedOut.roster, quietLog)).toEqual({
      ok: false,
      error: { code: 'not-signed-in', text: new NotSignedIn().said },
    });
  });

  it('a file over 25 MB is too-large, and a pick no longer held is not-found', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-codes-'));
    folders.push(dir);
    const big = join(dir, 'scan.dcm');
    await writeFile(big, '');
    await truncate(big, 25 * 1024 * 1024 + 1);
    expect(callFailure(await rejectionOf(checkedFile(big), CallRefusal)).code).toBe('too-large');
    expect(callFailure(await rejectionOf(checkedFile(join(dir, 'gone.png')), CallRefusal)).code).toBe('not-found');
    let stale: unknown;
    try {
      new PickedFiles().get('never-picked');
    } catch (thrown) {
      stale = thrown;
    }
    expect(callFailure(stale).code).toBe('not-found');
  });

  it('a full disk is disk-full, from the window API, the attachment cache or SQLite', () => {
    expect(callFailure(unwrittenFile('scan.png', 'saved', 'ENOSPC')).code).toBe('disk-full');
    expect(callFailure(new AttachmentCacheError('disk-full', userText('store.disk-full-size', { bytes: 10 }))).code).toBe('disk-full');
    const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect(callFailure(sqliteFull)).toEqual({ code: 'disk-full', text: userText('said.english', { text: 'database or disk is full' }) });
  });

  it('a system error is worded without the path its message names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tigerdesk-codes-'));
    folders.push(dir);
    const missing = join(dir, 'private', 'db.sqlite');
    const error = await readFile(missing).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain(missing);
    expect(callFailure(error)).toEqual({ code: 'failed', text: userText('error.local-file', { code: 'ENOENT' }) });
    const full = Object.assign(new Error(`ENOSPC: no space left on device, write '${missing}'`), { code: 'ENOSPC', syscall: 'write' });
    expect(callFailure(full)).toEqual({ code: 'disk-full', text: userText('error.local-file', { code: 'ENOSPC' }) });
  });

  it('the outbox\'s refusals keep their kind', () => {
    expect(callFailure(new OutboxError('not-found', userText('outbox.no-message', { message: 7 }))).code).toBe('not-found');
    expect(callFailure(new OutboxError('not-editable', userText('outbox.already-tried', { message: 7 }))).code).toBe('refused');
    expect(callFailure(new OutboxError('invalid-input', userText('outbox.empty-message'))).code).toBe('refused');
    expect(callFailure(new OutboxError('attachment-unreadable', userText('outbox.file-unreadable', { file: 'scan.png', code: 'EACCES' }))).code).toBe('failed');
  });

  it('a message id that names nothing is not-found', () => {
    let error: unknown;
    try {
      localMessageId('not-a-row');
    } catch (thrown) {
      error = thrown;
    }
    expect(callFailure(error)).toEqual({ code: 'not-found', text: userText('outbox.no-message', { message: '"not-a-row"' }) });
  });
});

describe('anything else', () => {
  it('is failed, with its message as it is', () => {
    expect(callFailure(new Error('database is locked'))).toEqual({ code: 'failed', text: userText('said.english', { text: 'database is locked' }) });
    expect(callFailure('a thrown string')).toEqual({ code: 'failed', text: userText('said.english', { text: 'a thrown string' }) });
  });
});
