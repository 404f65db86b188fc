import { createApiClient } from '../../../main/core/api';
import type { ApiClient } from '../../../main/core/api';
import type { RunningSandbox } from '../../../sandbox/index';
import { EventStreamReader } from './stream';

export interface TestPerson {
  token: string;
  key: string;
  secret: string;
  email: string;
  password: string;
  client: ApiClient;
  /** Opens this key's event stream (optionally with `TT-X-Features`). */
  connect(features?: string[]): Promise<EventStreamReader>;
}

let counter = 0;

/** A fresh person in the demo organization (or in `organizations`, home first), made by the sandbox's admin route. */
export async function newPerson(sandbox: RunningSandbox, name = 'Test Person', organizations?: string[]): Promise<TestPerson> {
  counter += 1;
  const email = `person${counter}.${process.pid}.${Date.now()}@example.test`;
  const password = `pw-${counter}`;
  const response = await fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: name, email, password, ...(organizations === undefined ? {} : { organizations }) }),
  });
  if (response.status !== 200) throw new Error(`admin route answered ${response.status}: ${await response.text()}`);
  const { token, key, secret } = (await response.json()) as { token: string; key: string; secret: string };
  return withKey(sandbox, { token, key, secret, email, password });
}

export function withKey(
  sandbox: RunningSandbox,
  person: { token: string; key: string; secret: string; email: string; password: string },
): TestPerson {
  const client = createApiClient({
    baseUrl: sandbox.apiUrl,
    credentials: { key: person.key, secret: person.secret },
    organizationKey: sandbox.organizationKey,
  });
  return {
    ...person,
    client,
    connect(features: string[] = []) {
      const request = client.eventStreamRequest(features);
      return EventStreamReader.open(request.url, request.headers);
    },
  };
}

export function basic(person: { key: string; secret: string }): string {
  return `Basic ${Buffer.from(`${person.key}:${person.secret}`).toString('base64')}`;
}
