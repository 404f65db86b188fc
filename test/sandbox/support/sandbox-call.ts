import type { RunningSandbox } from '../../../sandbox/index';
import { basic } from './people';
import type { TestPerson } from './people';

export interface SandboxAnswer<Body = Record<string, unknown>> {
  status: number;
  body: Body;
}

/**
 * One JSON call to the sandbox as `person` (Basic auth), or unauthenticated with null; a path
 * under `/sandbox/` goes to the admin routes, any other under `/v2`.
 */
export async function callSandbox<Body = Record<string, unknown>>(
  sandbox: Pick<RunningSandbox, 'url' | 'apiUrl'>,
  person: TestPerson | null,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<SandboxAnswer<Body>> {
  const base = path.startsWith('/sandbox/') ? sandbox.url : sandbox.apiUrl;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(person === null ? {} : { authorization: basic(person) }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as Body };
}
