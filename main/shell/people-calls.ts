// The people calls of the IPC contract: finding someone to write to, and one person's card.
// The people held locally (everyone on the roster or seen in a message) answer first; the
// server is asked only for what they cannot answer, and a server out of reach leaves the
// local answer standing.
import { ApiError } from '../core/api';
import { isNamedUser, storeUser } from '../core/sync/people-writes';
import type { CallHandlers } from './ipc-calls';
import { isNotFound, isOffline, personView, requireRuntime } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';

export type PeopleCalls = Pick<CallHandlers, 'searchPeople' | 'person'>;

const mostPeople = 50;
/** A lookup typed into a search box must not hold the results up for the client's full timeout. */
const lookupTimeoutMs = 5_000;

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneNumber = /^\+?[\d\s().-]{7,20}$/;

export function peopleCalls(current: CurrentRuntime): PeopleCalls {
  const runtime = () => requireRuntime(current);
  return {
    async searchPeople({ query }) {
      const account = runtime();
      const typed = query.trim();
      const tokens = typed === '' ? rosterPeople(account) : localMatches(account, typed);
      const address = exactAddress(typed);
      if (address !== null) {
        // Unknown, refused or out of reach: the people held here still answer.
        const found = await lookUp(account, address).catch((error: unknown) => {
          if (error instanceof ApiError) return null;
          throw error;
        });
        if (found !== null && found !== account.account.userToken) tokens.unshift(found);
      }
      return [...new Set(tokens)].slice(0, mostPeople).map((token) => personView(account, token));
    },
    async person({ token }) {
      const account = runtime();
      if (isNamedUser(account.store, token)) return personView(account, token);
      try {
        return personView(account, await lookUp(account, token));
      } catch (error) {
        // Held without a name (seen only in a presence or a receipt): shown by token, as the roster does.
        if (account.store.people.user(token) !== undefined) return personView(account, token);
        if (isNotFound(error)) throw new Error(`There is no person ${token}`);
        if (isOffline(error)) throw new Error(`${token} is not known here, and the server cannot be reached to look them up`);
        throw error;
      }
    },
  };
}

/** An email address (lower-cased) or a phone number (without spacing), as the server looks them up. */
function exactAddress(typed: string): string | null {
  if (emailAddress.test(typed)) return typed.toLowerCase();
  if (phoneNumber.test(typed)) return typed.replace(/[\s().-]/g, '');
  return null;
}

/** Asks the server, and keeps the answer so that the person has a name from now on. */
async function lookUp(account: CallRuntime, address: string): Promise<string> {
  const user = await account.api.lookupUser(address, { signal: AbortSignal.timeout(lookupTimeoutMs) });
  account.store.transaction(() => storeUser(account.store, user));
  return user.token;
}

/** With nothing typed: the people of the roster, most recent conversation first. */
function rosterPeople(account: CallRuntime): string[] {
  return account.sync.roster().filter((conversation) => conversation.kind === 'user').map((conversation) => conversation.id);
}

/** People held whose name, username or roster name contains what was typed; never this user. */
function localMatches(account: CallRuntime, typed: string): string[] {
  const pattern = `%${typed.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return account.store.statements.prepare<{ token: string }>(
    `SELECT token FROM (
       SELECT u.token, coalesce(u.display_name, u.first_name, u.username, u.token) AS shown
       FROM users u
       WHERE u.display_name LIKE @pattern ESCAPE '\\' OR u.username LIKE @pattern ESCAPE '\\'
          OR (coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) LIKE @pattern ESCAPE '\\'
       UNION
       SELECT c.id AS token, c.name AS shown FROM conversations c
       WHERE c.kind = 'user' AND c.hidden = 0 AND c.name LIKE @pattern ESCAPE '\\'
     )
     WHERE token != @me
     ORDER BY shown COLLATE NOCASE, token
     LIMIT @limit`,
  ).all({ pattern, me: account.account.userToken, limit: mostPeople }).map((row) => row.token);
}
