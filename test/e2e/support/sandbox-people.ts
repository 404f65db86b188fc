// Fresh people in the sandbox's demo organization (or others), one set per test, through its admin
// route; and their own API client, standing for the same person's second device.
import { randomUUID } from 'node:crypto';
import { createApiClient } from '../../../main/core/api';
import type { ApiClient } from '../../../main/core/api';

export interface Person {
  token: string;
  displayName: string;
  email: string;
  password: string;
  /** The same person on another device: a real client of the sandbox with its own key. */
  api: ApiClient;
}

/** `organizations`: the organizations the person belongs to, home first; default the demo organization. */
export async function createPerson(sandboxApiUrl: string, displayName: string, organizations?: readonly string[]): Promise<Person> {
  const origin = new URL(sandboxApiUrl).origin;
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 8)}@e2e.test`;
  const password = `pw-${randomUUID()}`;
  const response = await fetch(`${origin}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: displayName, email, password, ...(organizations === undefined ? {} : { organizations }) }),
  });
  if (!response.ok) throw new Error(`The sandbox did not create ${displayName}: HTTP ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { token: string; key: string; secret: string };
  const api = createApiClient({ baseUrl: sandboxApiUrl, credentials: { key: created.key, secret: created.secret } });
  return { token: created.token, displayName, email, password, api };
}
