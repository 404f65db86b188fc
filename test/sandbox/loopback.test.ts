import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { useSandbox } from '../support/sandbox-fixture';
import { basic, newPerson } from './support/people';
import { rawRequest } from './support/raw-request';
import { replayed } from './support/stream';

const sandbox = useSandbox();

function port(): string {
  return new URL(sandbox.url).port;
}

function refusalMessage(body: string): string {
  return (JSON.parse(body) as { error: { message: string } }).error.message;
}

describe('the sandbox answers only requests addressed to loopback', () => {
  it('answers with Host 127.0.0.1, localhost or [::1], with or without a port, in any case', async () => {
    const person = await newPerson(sandbox);
    for (const host of [`127.0.0.1:${port()}`, '127.0.0.1', `localhost:${port()}`, 'LocalHost', `[::1]:${port()}`, '[::1]']) {
      const answer = await rawRequest(sandbox.url, {
        path: `/v2/user/${person.token}`,
        headers: { host, authorization: basic(person) },
      });
      expect([host, answer.status]).toEqual([host, 200]);
    }
  });

  it('refuses any other Host, and none, in JSON naming the rule, on REST, stream, admin and unknown routes', async () => {
    const person = await newPerson(sandbox);
    const hosts: (string | undefined)[] = [
      'evil.test',
      `evil.test:${port()}`,
      `127.0.0.1.evil.test:${port()}`,
      `localhost.evil.test`,
      '127.0.0.2',
      `[::1].evil.test`,
      '',
      undefined,
    ];
    const calls = [
      { path: `/v2/user/${person.token}` },
      { path: '/v2/events' },
      { path: '/no/such/route' },
      { path: `/sandbox/accounts/${person.token}/remote-wipe`, method: 'POST', body: '{}' },
    ];
    for (const host of hosts) {
      for (const call of calls) {
        const headers: Record<string, string> = { authorization: basic(person), 'content-type': 'application/json' };
        if (host !== undefined) headers.host = host;
        const answer = await rawRequest(sandbox.url, { ...call, headers });
        expect([host, call.path, answer.status, answer.contentType]).toEqual([host, call.path, 421, expect.stringContaining('application/json')]);
        expect(refusalMessage(answer.body)).toContain('only requests addressed to a loopback host');
      }
    }
    // The refused remote wipes stored nothing.
    const stream = await person.connect();
    await stream.replayDone();
    expect(replayed(stream.events).filter((event) => event.name === 'remote_wipe')).toEqual([]);
    stream.close();
  });

  it('creates no account for a request with a foreign Host', async () => {
    const fields = { display_name: 'Rebound Page', email: 'rebound@example.test', password: 'pw' };
    const refused = await rawRequest(sandbox.url, {
      method: 'POST',
      path: '/sandbox/accounts',
      headers: { host: `attacker.test:${port()}`, 'content-type': 'application/json' },
      body: JSON.stringify(fields),
    });
    expect(refused.status).toBe(421);
    await expect(login(sandbox.apiUrl, { userId: fields.email, password: 'pw', deviceId: 'd', version: '1' })).rejects.toThrow();
  });
});

describe('the admin routes take state changes as JSON only', () => {
  const simpleBodies = [
    ['application/x-www-form-urlencoded', (email: string) => `display_name=Form+Page&email=${encodeURIComponent(email)}&password=pw`],
    ['text/plain', (email: string) => JSON.stringify({ display_name: 'Plain Page', email, password: 'pw' })],
    ['multipart/form-data; boundary=x', (email: string) => `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n--x--\r\n`],
  ] as const;

  it('refuses a form, text/plain or multipart POST to /sandbox/accounts in JSON naming the rule, creating nobody', async () => {
    for (const [contentType, body] of simpleBodies) {
      const email = `csrf.${contentType.split('/')[1]!.slice(0, 6)}@example.test`;
      const response = await fetch(`${sandbox.url}/sandbox/accounts`, { method: 'POST', headers: { 'content-type': contentType }, body: body(email) });
      expect([contentType, response.status]).toEqual([contentType, 415]);
      expect(refusalMessage(await response.text())).toContain('take only content-type application/json');
      await expect(login(sandbox.apiUrl, { userId: email, password: 'pw', deviceId: 'd', version: '1' })).rejects.toThrow();
    }
  });

  it('refuses a remote wipe without a JSON body and stores no event; {} as JSON is enough', async () => {
    const person = await newPerson(sandbox);
    const wipe = `${sandbox.url}/sandbox/accounts/${person.token}/remote-wipe`;
    const bare = await fetch(wipe, { method: 'POST' });
    expect(bare.status).toBe(415);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const refused = await fetch(wipe, { method: 'POST', headers: { 'content-type': contentType }, body: '{}' });
      expect([contentType, refused.status]).toEqual([contentType, 415]);
    }
    let stream = await person.connect();
    await stream.replayDone();
    expect(replayed(stream.events).filter((event) => event.name === 'remote_wipe')).toEqual([]);
    stream.close();
    const accepted = await fetch(wipe, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(accepted.status).toBe(200);
    stream = await person.connect();
    await stream.replayDone();
    expect(replayed(stream.events).filter((event) => event.name === 'remote_wipe')).toHaveLength(1);
    stream.close();
  });
});
