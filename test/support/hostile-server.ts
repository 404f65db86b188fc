/**
 * A real HTTP server on 127.0.0.1 that the test lets misbehave: the handler writes what it
 * likes, and `pour` sends a body far larger than any client should hold (or one that never
 * ends), at the pace the socket takes it, counting what went out so a test can show the client
 * stopped reading early.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

export async function startHostileServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<HostileServer> {
  const server = createServer((req, res) => {
    // The request body is not the point: read it so the client's send completes.
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Pouring {
  /** Body bytes handed to the socket so far. */
  readonly written: number;
  /** Resolves when the body is all sent or the client has gone; with the bytes written by then. */
  readonly finished: Promise<number>;
}

/**
 * Writes `chunk` again and again (after `prefix`, if any) until `totalBytes` are out, or for
 * ever when it is Infinity; stops when the client closes the connection.
 */
export function pour(res: ServerResponse, chunk: Buffer, totalBytes: number, prefix: Buffer = Buffer.alloc(0)): Pouring {
  let written = 0;
  let gone = false;
  const finished = new Promise<number>((resolve) => {
    const done = () => resolve(written);
    res.on('close', () => {
      gone = true;
      done();
    });
    const writeSome = (): void => {
      while (!gone) {
        if (written >= totalBytes) {
          res.end(done);
          return;
        }
        const next = written === 0 && prefix.length > 0 ? prefix : chunk.subarray(0, Math.min(chunk.length, totalBytes - written));
        written += next.length;
        if (!res.write(next)) {
          res.once('drain', writeSome);
          return;
        }
      }
    };
    writeSome();
  });
  return {
    get written() {
      return written;
    },
    finished,
  };
}
