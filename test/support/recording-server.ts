/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) for tests: records every request exactly
 * as it arrived (method, url, headers, raw body) and answers what the test says.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer goes as is; anything else as JSON. */
  body?: unknown;
  /** Send the status, headers and body, then keep the response open forever (a stalled download). */
  stall?: boolean;
}

/** `'hang'` never answers (a timeout); `'drop'` closes the connection without answering. */
export type Responder = (request: RecordedRequest) => Answer | 'hang' | 'drop';

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  /** The answer to every following request. */
  respond(answer: Answer | Responder): void;
  /** The one request received since start; fails if there were none or several. */
  only(): RecordedRequest;
  close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let responder: Responder = () => ({ status: 204 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const parsed = new URL(url, 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const answer = responder(recorded);
      if (answer === 'drop') req.socket.destroy();
      else if (answer !== 'hang') send(res, answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    respond(answer) {
      responder = typeof answer === 'function' ? answer : () => answer;
    },
    only() {
      if (requests.length !== 1) throw new Error(`expected exactly one request, got ${requests.length}`);
      return requests[0]!;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(res: ServerResponse, answer: Answer): void {
  const headers = { ...answer.headers };
  let body: string | Buffer | undefined;
  if (typeof answer.body === 'string' || Buffer.isBuffer(answer.body)) {
    body = answer.body;
  } else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(answer.status, headers);
  if (answer.stall) {
    res.write(body ?? '');
    return;
  }
  res.end(body);
}
