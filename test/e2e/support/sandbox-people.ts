// Fresh people in the sandbox's demo organization, one set per test, through its admin
// route, or the demo's own people; and their own API client, standing for the same person's
// second device.
import { randomUUID } from 'node:crypto';
import { createApiClient, login } from '../../../main/core/api';
import type { ApiClient } from '../../../main/core/api';
import { DEMO_PASSWORD, demoEmail } from '../../../sandbox/demo/accounts';

export interface Person {
  token: string;
  displayName: string;
  email: string;
  password: string;
  /** The same person on another device: a real client of the sandbox with its own key. */
  api: ApiClient;
}

export async function createPerson(sandboxApiUrl: string, displayName: string): Promise<Person> {
  const origin = new URL(sandboxApiUrl).origin;
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 8)}@e2e.test`;
  const password = `pw-${randomUUID()}`;
  const response = await fetch(`${origin}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: displayName, email, password }),
  });
  if (!response.ok) throw new Error(`The sandbox did not create ${displayName}: HTTP ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { token: string; key: string; secret: string };
  const api = createApiClient({ baseUrl: sandboxApiUrl, credentials: { key: created.key, secret: created.secret } });
  return { token: created.token, displayName, email, password, api };
}

/** One of the demo's people (a sandbox started with `seedDemo`), signed in on a second device. */
export async function demoPerson(sandboxApiUrl: string, username: string): Promise<Person> {
  const email = demoEmail(username);
  const { user, auth } = await login(sandboxApiUrl, { userId: email, password: DEMO_PASSWORD, deviceId: `e2e-${randomUUID()}`, version: 'e2e' });
  const api = createApiClient({ baseUrl: sandboxApiUrl, credentials: auth });
  return { token: user.token, displayName: user.display_name ?? username, email, password: DEMO_PASSWORD, api };
}
