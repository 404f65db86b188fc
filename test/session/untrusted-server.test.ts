// A hospital's TLS-inspecting proxy answers with a certificate of its own authority, which this
// computer does not trust until IT installs it. Here a real https front on loopback, with a
// certificate from an authority made for the test, stands before the sandbox: signing in, an
// API call and the event stream all fail, and each says it was the certificate, in words the
// user and IT can act on, never "cannot reach the server".
import { describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { ApiError, createApiClient, mayHaveBeenDelivered } from '../../main/core/api';
import { createEventStream } from '../../main/core/events/event-stream';
import type { StreamState } from '../../main/core/events/stream-state';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { SessionError } from '../../main/core/session';
import { callFailure } from '../../main/window-api/error-codes';
import { makeTestAuthority, startTlsFront } from '../support/hospital-network';
import { useFixture } from '../support/hooked-fixture';
import { rejectionOf } from '../support/rejection';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';
import { newUser } from './fixtures/sandbox-users';
import { useSessionHarness } from './fixtures/session-harness';

const sandbox = useSandbox();
const folder = useTempFolder('tigerdesk-untrusted-');
// https on loopback, as the https rule allows: the certificate, not the address, is refused.
const front = useFixture('file', () => startTlsFront(makeTestAuthority(folder()).server, Number(new URL(sandbox.url).port)), (server) => server.close());
const harness = useSessionHarness();

const untrustedServer = () => `https://127.0.0.1:${front().port}/v2`;
const namesTheCertificate = /the server's certificate is not trusted by this computer \(issued by an unknown authority\): if your hospital inspects secure traffic, IT must install its certificate/;

describe('a server whose certificate this computer does not trust', () => {
  it('fails an API call with the certificate named, as never delivered', async () => {
    const user = await newUser(sandbox.url, 'Cert Checker');
    const api = createApiClient({ baseUrl: untrustedServer(), credentials: { key: user.key, secret: user.secret } });
    const error = await rejectionOf(api.getUser(), ApiError);
    expect(error).toMatchObject({ kind: 'network', transportCause: 'certificate', networkCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', retryable: true });
    expect(error.message).toMatch(namesTheCertificate);
    expect(error.message).not.toContain(user.secret);
    expect(error.message).not.toContain('/user');
    // The handshake failed before the request was sent: a send can be retried without doubt.
    expect(mayHaveBeenDelivered(error)).toBe(false);
  });

  it('refuses the sign-in with the certificate named, for the sign-in screen to show', async () => {
    const user = await newUser(sandbox.url, 'Cert Signer');
    const session = harness.manager();
    const error = await rejectionOf(session.signInWithPassword({ server: untrustedServer(), userId: user.email, password: user.password }), SessionError);
    expect(error.reason).toBe('network-blocked');
    expect(error.message).toMatch(new RegExp(`^Cannot connect securely to the server at ${untrustedServer().replace(/\./g, '\\.')}: `));
    expect(error.message).toMatch(namesTheCertificate);
    expect(error.message).not.toContain(user.password);

    // Not 'offline', whose sign-in sentence is "Cannot reach the server": 'refused' shows main's words (sign-in-error.ts).
    expect(callFailure(error)).toEqual({ code: 'refused', text: error.said });
    expect(englishText(callFailure(error).text)).toBe(error.message);
    expect(session.state.kind).toBe('signed-out');
  });

  it('logs the event stream going offline with the certificate named, and shows it as the reason', async () => {
    const user = await newUser(sandbox.url, 'Cert Streamer');
    const api = createApiClient({ baseUrl: untrustedServer(), credentials: { key: user.key, secret: user.secret } });
    const logs: LogRecord[] = [];
    const stream = createEventStream({
      request: () => api.eventStreamRequest(),
      ack: (ids) => api.ackEvents(ids),
      handle: async () => undefined,
      onRemoteWipe: async () => undefined,
      log: createLogger('events', (record) => logs.push(record)),
      fetch,
      heartbeatMs: 5_000,
      reconnectBackoff: { baseMs: 60_000, capMs: 60_000 },
    });
    const offline = new Promise<Extract<StreamState, { kind: 'offline' }>>((resolve) => {
      stream.subscribe((state) => {
        if (state.kind === 'offline') resolve(state);
      });
    });
    stream.start();
    try {
      const state = await offline;
      expect(englishText(state.reason)).toMatch(namesTheCertificate);
      // Said in the user's words, not passed on in English.
      expect(state.reason.key).toBe('connection.certificate-untrusted');
      const logged = logs.find((record) => record.message === 'event stream disconnected');
      expect(logged?.fields['reason']).toMatch(namesTheCertificate);
      expect(JSON.stringify(logs)).not.toContain(user.secret);
    } finally {
      await stream.stop();
    }
  });
});

describe("Electron's net.fetch errors", () => {
  // Chromium fails a request with an Error whose whole message is its net error name (Electron's
  // ClientRequest: `new Error(netErrorString)`); no Chromium runs here, so the fetch rejects as it would.
  const failingWith = (netError: string): typeof fetch => () => Promise.reject(new Error(netError));
  const callOver = (netError: string) =>
    rejectionOf(createApiClient({ baseUrl: 'https://tigertext.example/v2', credentials: { key: 'k', secret: 's' }, fetch: failingWith(netError) }).getUser(), ApiError);

  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate', /not trusted by this computer \(issued by an authority this computer does not trust\): if your hospital inspects secure traffic, IT must install its certificate/],
    ['net::ERR_CERT_DATE_INVALID', 'certificate', /has expired or is not yet valid/],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'certificate', /for another name than the server's address/],
    ['net::ERR_CERT_WEAK_KEY', 'certificate', /certificate was refused \(ERR_CERT_WEAK_KEY\)/],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy', /the proxy could not be reached/],
    ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxy', /the proxy refused the connection to the server/],
    ['net::ERR_PROXY_AUTH_REQUESTED', 'proxy', /the proxy refused the connection \(HTTP 407: the proxy asks for a sign-in\)/],
  ])('%s names the %s', async (netError, kind, text) => {
    const error = await callOver(netError);
    expect(error).toMatchObject({ kind: 'network', transportCause: kind, networkCode: netError.slice('net::'.length) });
    expect(error.message).toMatch(text);
    expect(mayHaveBeenDelivered(error)).toBe(false);
  });

  it('keeps a plain refused connection a network code, never delivered, and a dropped one in doubt', async () => {
    const refused = await callOver('net::ERR_CONNECTION_REFUSED');
    expect(refused).toMatchObject({ kind: 'network', networkCode: 'ERR_CONNECTION_REFUSED', message: 'getUser: network: request failed (ERR_CONNECTION_REFUSED)' });
    expect(refused.transportCause).toBeUndefined();
    expect(mayHaveBeenDelivered(refused)).toBe(false);
    expect(mayHaveBeenDelivered(await callOver('net::ERR_CONNECTION_RESET'))).toBe(true);
  });

  it('reads nothing but the code from a message that is more than a net error name', async () => {
    const error = await callOver('net::ERR_CERT_AUTHORITY_INVALID at https://tigertext.example/v2/user?token=secret');
    expect(error.transportCause).toBeUndefined();
    expect(error.message).toBe('getUser: network: request failed');
  });
});
