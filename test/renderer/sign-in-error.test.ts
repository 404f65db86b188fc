// Sign-in failures are worded from main's code alone, and every code of the contract is worded.
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../preload/contract';
import type { ErrorCode } from '../../preload/contract';
import { saying } from '../support/view-builders';
import { signInErrorText } from '../../renderer/src/format/sign-in-error';
import { TigerError } from '../../renderer/src/tiger';

const server = 'https://tt.example/v2';
const text = (code: ErrorCode, message = 'what main said') => signInErrorText(new TigerError({ code, text: saying(message) }), 'password', server);
const generic = (message: string) => `Sign-in failed: ${message}`;

/** The failures a person at the desk must act on differently: each has its own sentence. */
const actionable: ErrorCode[] = ['unauthorized', 'offline', 'keychain-unavailable', 'account-busy', 'server-error', 'refused', 'disk-full'];

describe('the words for a refused sign-in', () => {
  it('give every code of the contract a sentence, and each actionable code its own', () => {
    const sentences = new Map(errorCodes.map((code) => [code, text(code)]));
    for (const [code, sentence] of sentences) expect(sentence, code).toMatch(/^[A-Z].*\S$/);
    for (const code of actionable) expect(sentences.get(code), code).not.toBe(generic('what main said'));
    expect(new Set(actionable.map((code) => sentences.get(code))).size).toBe(actionable.length);
    for (const code of errorCodes.filter((code) => !actionable.includes(code))) expect(sentences.get(code), code).toBe(generic('what main said'));
  });

  it('say what to do for the common failures', () => {
    expect(text('unauthorized')).toBe('Wrong user ID or password. Check them and try again.');
    expect(signInErrorText(new TigerError({ code: 'unauthorized', text: saying('x') }), 'key', server)).toBe('The server refused this key and secret. Check them and try again.');
    expect(text('offline')).toBe(`Cannot reach the server at ${server}. Check the address and your network connection.`);
    expect(text('keychain-unavailable', 'The keychain cannot be used (locked)')).toBe(
      'The system keychain is unavailable, so the sign-in cannot be stored safely. The keychain cannot be used (locked)',
    );
    expect(text('account-busy', 'This account is open in another TigerDesk process (pid 4242). Close it, or use another data folder.')).toContain('pid 4242');
  });

  it("show main's words when the hospital's network blocked the connection (a refused one, not offline)", () => {
    const blocked = `Cannot connect securely to the server at ${server}: the server's certificate is not trusted by this computer (issued by an unknown authority): if your hospital inspects secure traffic, IT must install its certificate`;
    expect(text('refused', blocked)).toBe(`The sign-in was refused: ${blocked}`);
  });

  it('decide by the code, never by the words of the message', () => {
    const misleading = 'HTTP 401 unauthorized: network timed out, keychain locked';
    expect(text('failed', misleading)).toBe(generic(misleading));
    expect(text('offline', 'The server refused this user id and password')).toBe(text('offline'));
  });

  it('show anything that is not a failure from main as it is', () => {
    expect(signInErrorText(new Error('render bug'), 'password', server)).toBe(generic('render bug'));
  });
});
