// Bad input in addresses: any string a user types as a recipient or a lookup (token, email,
// phone, username, or junk) is either resolved to one account or refused with a precise
// error; a lookup never creates anything, and one person's email or phone written another
// way never makes a second account.
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { looksLikeEmail, looksLikePhone, normalizePhone } from '../../sandbox/sessions';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';

const sandbox = useSandbox();
let alice: TestPerson;
let db: Database.Database;

beforeAll(async () => {
  alice = await newPerson(sandbox, 'Alice');
  db = new Database(join(sandbox.dataDir, 'sandbox.db'), { readonly: true, fileMustExist: true });
});

afterAll(() => {
  db?.close();
});

const accounts = () => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM accounts').get()!.n;

/** A lone UTF-16 surrogate: text no URL can carry. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const addressLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.emailAddress(),
  fc.emailAddress().map((email) => ` ${email.toUpperCase()} `),
  fc.stringMatching(/^\+?[0-9 ().-]{0,24}$/),
  fc.constantFrom('.', '..', '/', '%', '%2F', '?x=1', '#', 'a/b', '\u0000', 'null', 'undefined', '__proto__'),
).filter((address) => !loneSurrogate.test(address));

/** A phone number, and the same number written with the spaces, dots and brackets people use. */
const phoneWritings = fc.tuple(fc.constantFrom('+1', '+44', ''), fc.stringMatching(/^[0-9]{7,11}$/))
  .chain(([country, digits]) => fc.tuple(
    fc.constant(`${country}${digits}`),
    fc.constant(`${country} (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`),
  ));

describe('address parsing', () => {
  it('normalizes a phone number to one form whatever its punctuation, and only calls text with enough digits a phone', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      expect(normalizePhone(normalizePhone(text))).toBe(normalizePhone(text));
      if (looksLikePhone(text)) expect(normalizePhone(text).replace('+', '')).toMatch(/^\d{7,20}$/);
      if (looksLikeEmail(text)) expect(text.trim()).not.toMatch(/\s/);
    }), { numRuns: 5_000 });
  });

  it('looks any address up as one account or a precise 4xx error, and never creates an account by looking', async () => {
    const before = accounts();
    await fc.assert(fc.asyncProperty(addressLike, async (address) => {
      try {
        const user = await alice.client.lookupUser(address);
        expect(typeof user.token).toBe('string');
      } catch (error) {
        if (error instanceof TypeError) {
          // Refused before sending: an empty address, or one that would change the path ("." or "..").
          expect(error.message).toMatch(/^lookupUser: address must/);
          return;
        }
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).kind, (error as Error).message).toBe('http');
        expect([400, 404]).toContain((error as ApiError).status);
        expect((error as ApiError).serverMessage?.length).toBeGreaterThan(3);
      }
    }), { numRuns: 2_000 });
    expect(accounts()).toBe(before);
  }, 120_000);

  // Pasted or damaged text can carry a lone surrogate, which no URL can hold.
  it('refuses an address with a lone surrogate with an error naming the operation and the field', async () => {
    const refused = await alice.client.lookupUser('ward\ud800').then(() => undefined, (error: unknown) => error as Error);
    expect(refused?.message).toMatch(/^lookupUser: address /);
  });

  it('sends to an email or phone written any way to the same one account', async () => {
    await fc.assert(fc.asyncProperty(fc.emailAddress(), phoneWritings, async (email, [phone, writtenOut]) => {
      const send = (recipient: string) => alice.client.sendMessage({ recipient, body: 'test', senderOrganization: sandbox.organizationKey });
      const recipientOf = (messageId: string) => db.prepare<[string], { recipient_token: string }>('SELECT recipient_token FROM messages WHERE token = ?').get(messageId)!.recipient_token;
      const first = recipientOf((await send(email)).messageId);
      const second = recipientOf((await send(`  ${email.toUpperCase()} `)).messageId);
      expect(second).toBe(first);
      const byPhone = recipientOf((await send(phone)).messageId);
      expect(recipientOf((await send(writtenOut)).messageId)).toBe(byPhone);
    }), { numRuns: 300 });
  }, 120_000);
});
