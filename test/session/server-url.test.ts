// Server addresses as people type them, read by the one normaliser that the sign-in calls and
// the CLI share, and the https rule it applies before anything is sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpsOrLoopback, isLoopbackHost } from '../../main/core/session/https-rule';
import { serverUrl, ServerUrlError } from '../../main/core/session/server-url';
import type { ServerUrlProblem } from '../../main/core/session/server-url';

function refusal(typed: string): ServerUrlError {
  try {
    serverUrl(typed);
  } catch (error) {
    expect(error).toBeInstanceOf(ServerUrlError);
    return error as ServerUrlError;
  }
  throw new Error(`expected "${typed}" to be refused`);
}

describe('a server address as typed', () => {
  it.each([
    ['https://h', 'https://h/v2'],
    ['https://h/', 'https://h/v2'],
    ['h', 'https://h/v2'],
    ['h:8443', 'https://h:8443/v2'],
    ['  tigertext.example.org  ', 'https://tigertext.example.org/v2'],
    ['HTTPS://TigerText.Example.ORG:443/', 'https://tigertext.example.org/v2'],
    ['https://h/v2', 'https://h/v2'],
    ['https://h/v2/', 'https://h/v2'],
    ['https://h/custom/path/', 'https://h/custom/path'],
    ['h/custom/path', 'https://h/custom/path'],
    ['http://127.0.0.1:7443', 'http://127.0.0.1:7443/v2'],
    ['http://127.8.9.10:7443/', 'http://127.8.9.10:7443/v2'],
    ['http://localhost:7443/v2', 'http://localhost:7443/v2'],
    ['http://[::1]:7443', 'http://[::1]:7443/v2'],
  ])('reads %s as %s', (typed, meant) => {
    expect(serverUrl(typed)).toBe(meant);
  });

  it.each<[string, ServerUrlProblem]>([
    ['http://example.org', 'not-https'],
    ['http://example.org:7443/v2', 'not-https'],
    // Looks local, is not: a name that only starts like the loopback network, or another private address.
    ['http://127.0.0.1.example.org/v2', 'not-https'],
    ['http://192.168.1.10:7443/v2', 'not-https'],
    ['http://localhost.example.org', 'not-https'],
    ['ftp://x', 'not-https'],
    ['file:///etc/passwd', 'not-https'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['https://', 'not-an-address'],
    ['exa mple.org', 'not-an-address'],
    ['https://nurse:secret@h/v2', 'not-an-address'],
    ['https://h/v2?org=1', 'not-an-address'],
    ['https://h/v2#top', 'not-an-address'],
  ])('refuses %s as %s, before anything is sent', (typed, problem) => {
    expect(refusal(typed).problem).toBe(problem);
  });

  it('says why plain http is refused, in the words the sign-in form and the CLI show', () => {
    expect(refusal('http://tigertext.invalid').message).toBe(
      'TigerDesk only sends credentials over https; http is allowed only for a server on this computer',
    );
    expect(refusal('').message).toBe('Enter the server address');
    expect(refusal('https://nurse:secret@h/v2').message).not.toContain('secret');
    expect(refusal('https://nurse:se cret@h/v2').message).not.toContain('cret');
  });

  it('reads what it answered as itself, so main may read an address twice', () => {
    const host = fc.domain();
    const path = fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 3 }).map((parts) => parts.map((part) => `/${part}`).join(''));
    const typed = fc.tuple(fc.constantFrom('', 'https://', 'HTTPS://'), host, fc.option(fc.integer({ min: 1, max: 65535 })), path, fc.constantFrom('', '/'))
      .map(([scheme, name, port, rest, slash]) => `${scheme}${name}${port === null ? '' : `:${port}`}${rest}${slash}`);
    fc.assert(
      fc.property(typed, (text) => {
        const once = serverUrl(text);
        expect(once).toMatch(/^https:\/\/[^/]+(\/[^/\s]+)+$/);
        expect(serverUrl(once)).toBe(once);
      }),
    );
  });
});

describe('the https rule', () => {
  it('lets credentials leave only over https, or over http to this computer', () => {
    expect(httpsOrLoopback(new URL('https://tigertext.example.org/v2'))).toBe(true);
    expect(httpsOrLoopback(new URL('http://127.0.0.1:7443/v2'))).toBe(true);
    expect(httpsOrLoopback(new URL('http://127.1:7443/v2'))).toBe(true);
    expect(httpsOrLoopback(new URL('http://localhost/'))).toBe(true);
    expect(httpsOrLoopback(new URL('http://[::1]/'))).toBe(true);
    expect(httpsOrLoopback(new URL('http://tigertext.example.org/v2'))).toBe(false);
    expect(httpsOrLoopback(new URL('http://10.0.0.1/v2'))).toBe(false);
    expect(httpsOrLoopback(new URL('ws://localhost/'))).toBe(false);
    expect(httpsOrLoopback(new URL('ftp://localhost/'))).toBe(false);
  });

  it('takes only 127.0.0.0/8, localhost and [::1] as this computer', () => {
    for (const host of ['127.0.0.1', '127.255.255.254', 'localhost', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['128.0.0.1', '0.0.0.0', 'localhost.example.org', 'mylocalhost', '[::2]', '127.0.0.1.nip.io']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
