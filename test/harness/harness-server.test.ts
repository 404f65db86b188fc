// The harness from the outside, without a browser: what it serves, and what its socket
// answers. The socket's client here is `ws`, sending exactly what the page script sends: an
// invoke of a contract call's channel, answered by the page's own app (startApp).
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { callChannel } from '../../preload/contract';
import { integrityOf } from '../../scripts/script-hashes';
import type { CallName } from '../../preload/contract';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { pageScriptPath, socketPath, startHarness } from './harness-server';
import type { RunningHarness } from './harness-server';
import '../support/provided-context';
import { packArgs } from '../desktop/ipc-wire';
import { decodeValue, encodeFrame, parseFrame, readServerFrame } from './wire';

let sandbox: RunningSandbox;
let harness: RunningHarness;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  harness = await startHarness({ sandboxUrl: sandbox.url, appDir: inject('builtAppDir'), log: () => {} });
});

afterAll(async () => {
  await harness?.close();
  await sandbox?.close();
});

/** One page's socket, as the page script uses it. */
async function connect(origin = new URL(harness.url).origin): Promise<{ call(name: string, input?: unknown): Promise<unknown>; close(): Promise<void> }> {
  const socket = new WebSocket(new URL(socketPath, harness.url.replace('http', 'ws')), { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (reply: unknown) => void>();
  socket.on('message', (data) => {
    const frame = readServerFrame(parseFrame(data.toString()));
    if (frame.kind !== 'reply') return;
    // Electron's own answer (a string) for a failed invoke; the contract's reply for the rest.
    const reply = JSON.parse(frame.reply) as { ok: true; value: unknown } | { ok: false; error: string };
    waiting.get(frame.id)?.(reply.ok ? decodeValue(reply.value) : reply);
  });
  return {
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        socket.send(encodeFrame({ kind: 'invoke', id, channel: callChannel(name as CallName), args: packArgs([input]) }));
      });
    },
    close: () =>
      new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

async function createAccount(email: string): Promise<{ password: string }> {
  const password = 'harness-test-password';
  const response = await fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: 'Harness Tester', email, password }),
  });
  expect(response.status).toBe(200);
  return { password };
}

describe('the harness server', () => {
  it('serves the renderer under its own CSP, sent as a header too, with the page script before the app', async () => {
    const response = await fetch(harness.url);
    const html = await response.text();
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(html.replace(/\s+/g, ' ')).toContain(`content="${policy}"`);
    const script = await fetch(new URL(pageScriptPath, harness.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const integrity = integrityOf(Buffer.from(await script.arrayBuffer()));
    const pageScript = html.indexOf(`<script src=".${pageScriptPath}" integrity="${integrity}"></script>`);
    expect(pageScript).toBeGreaterThan(-1);
    expect(pageScript).toBeLessThan(html.indexOf('<script type="module"'));
    expect(html).not.toMatch(/<script>/);
    // Scripts by hash only (the app's bundle, the page script, axe-core), and the harness's own socket as the one connection.
    const scriptSources = /script-src ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];
    expect(scriptSources).toHaveLength(3);
    for (const source of scriptSources) expect(source).toMatch(/^'sha384-[A-Za-z0-9+/]+=*'$/);
    expect(scriptSources).toContain(`'${integrity}'`);
    expect(policy).toContain(`connect-src ws://${new URL(harness.url).host}${socketPath};`);
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/assets/%00.js', '/nothing.js']) {
      const response = await fetch(new URL(path, harness.url));
      expect(response.status, path).toBe(404);
    }
    expect((await fetch(harness.url, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a socket opened from another origin', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow('403');
  });

  it('validates each call against the contract exactly as main does, and refuses unknown calls', async () => {
    const page = await connect();
    try {
      expect(await page.call('signInWithPassword', { server: 'ftp://127.0.0.1/v2', userId: 'a', password: 'b' })).toMatchObject({
        ok: false,
        error: { code: 'invalid-call', text: { key: 'error.invalid-call', params: { detail: expect.stringContaining('The server must be an http(s) URL') } } },
      });
      expect(await page.call('roster', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid-call' } });
      expect(await page.call('evalSomething')).toEqual({ ok: false, error: "Error: No handler registered for 'tiger:call:evalSomething'" });
      expect(await page.call('sessionState')).toEqual({ ok: true, value: { kind: 'signed-out' } });
    } finally {
      await page.close();
    }
  });

  it('carries bytes as bytes: a file over 25 MB is refused by the schema, a small one passes it', async () => {
    const page = await connect();
    try {
      const file = (size: number) => ({ kind: 'bytes', file: { name: 'scan.png', contentType: 'image/png', bytes: new Uint8Array(size) } });
      expect(await page.call('sendMessage', { conversationId: 'someone', body: '', attachment: file(25 * 1024 * 1024 + 1) })).toMatchObject({
        ok: false,
        error: { code: 'invalid-call', text: { key: 'error.invalid-call', params: { detail: expect.stringContaining('The file is over 25 MB') } } },
      });
      // Valid: it reaches the handler, which has no account to send from.
      expect(await page.call('sendMessage', { conversationId: 'someone', body: '', attachment: file(3) })).toEqual({
        ok: false,
        error: { code: 'not-signed-in', text: userText('session.not-signed-in') },
      });
    } finally {
      await page.close();
    }
  });

  it('gives each page its own client: one signs in, the other is still signed out', async () => {
    const email = `harness-${Date.now()}@e2e.test`;
    const { password } = await createAccount(email);
    const first = await connect();
    const second = await connect();
    try {
      expect(await first.call('signInWithPassword', { server: sandbox.apiUrl, userId: email, password })).toMatchObject({ ok: true, value: { displayName: 'Harness Tester', active: true } });
      expect(await first.call('sessionState')).toMatchObject({ ok: true, value: { kind: 'signed-in' } });
      expect(await second.call('sessionState')).toEqual({ ok: true, value: { kind: 'signed-out' } });
      expect(await second.call('accounts')).toEqual({ ok: true, value: [] });
      expect(harness.pages).toBe(2);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
