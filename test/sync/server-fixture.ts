/** A real API client talking to a recording server on 127.0.0.1 that answers like the service would. */
import { createApiClient, type ApiClient } from '../../main/core/api';
import { startRecordingServer, type Answer, type RecordedRequest, type RecordingServer } from '../support/recording-server';

export interface Remote {
  server: RecordingServer;
  api: ApiClient;
  /** Requests to this path (after `/v2`), in order. */
  requestsTo(method: string, path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** `routes` answers by "METHOD /path" (after `/v2`); anything else gets 204, or 404 for lookups. */
export type Route = (request: RecordedRequest) => Answer | 'hang' | 'drop';

export async function startRemote(routes: Record<string, Route> = {}): Promise<Remote> {
  const server = await startRecordingServer();
  server.respond((request) => {
    const path = request.path.replace(/^\/v2/, '');
    const route = routes[`${request.method} ${path}`];
    if (route !== undefined) return route(request);
    if (request.method === 'GET' && path === '/roster/') return { status: 200, body: { reply: [] } };
    if (request.method === 'GET') return { status: 404, body: { error: { message: 'not found' } } };
    return { status: 204 };
  });
  const api = createApiClient({ baseUrl: `${server.origin}/v2`, credentials: { key: 'test-key-1', secret: 'test-secret-1' }, organizationKey: 'org-1' });
  return {
    server,
    api,
    requestsTo: (method, path) => server.requests.filter((request) => request.method === method && request.path === `/v2${path}`),
    close: () => server.close(),
  };
}

export function jsonOf(request: RecordedRequest): unknown {
  return JSON.parse(request.body.toString('utf8'));
}
