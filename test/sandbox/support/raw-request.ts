/**
 * One HTTP request with headers exactly as given: fetch sets Host itself, and a DNS-rebinding
 * page's requests name a host that is not the one connected to, so the tests set (or omit) it.
 */
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      // setHost: false, so that a test leaving Host out sends none.
      { hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] ?? '', body }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
