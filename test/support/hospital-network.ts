/**
 * A hospital's network on loopback, for the transport tests: a certificate authority this
 * computer does not trust (as an inspecting proxy's), made with openssl at test time; an https
 * front that terminates TLS with a certificate it issued and passes the bytes to a loopback
 * server (the sandbox); and an HTTP proxy that tunnels CONNECT requests, or refuses them with a
 * status, recording each.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

export interface TestAuthority {
  /** The authority's certificate (PEM): what NODE_EXTRA_CA_CERTS names to trust it. */
  caFile: string;
  /** A server certificate it issued for 127.0.0.1 and localhost, with its key (PEM). */
  server: { cert: string; key: string };
}

/** A new authority and server certificate in `dir` (ECDSA P-256, valid for two days). */
export function makeTestAuthority(dir: string): TestAuthority {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2',
    '-subj', '/CN=TigerDesk test inspecting proxy CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('server.pem'), '-days', '2', '-extfile', file('server.ext'));
  return { caFile: file('ca.pem'), server: { cert: readFileSync(file('server.pem'), 'utf8'), key: readFileSync(file('server.key'), 'utf8') } };
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes the server and every connection still open through it. */
function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  };
}

/** https on 127.0.0.1 with `certificate`, each connection's bytes passed to 127.0.0.1:`targetPort`. */
export async function startTlsFront(certificate: { cert: string; key: string }, targetPort: number): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createTlsServer(certificate, (secure) => {
    const plain = connect(targetPort, '127.0.0.1');
    for (const socket of [secure, plain]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    secure.pipe(plain).pipe(secure);
  });
  // Handshakes the client refuses end here: that is what these tests make happen.
  server.on('tlsClientError', () => undefined);
  return { port: await listening(server), close: closer(server, sockets) };
}

export interface TestProxy extends RunningServer {
  /** The `host:port` of every CONNECT request, in order. */
  connects: string[];
  /** Answer every CONNECT with this status instead of tunnelling (407: the proxy wants a sign-in). */
  refuseWith(status: number | null): void;
}

/** An HTTP proxy on 127.0.0.1 that tunnels CONNECT to loopback only. */
export async function startConnectProxy(): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const connects: string[] = [];
  let refusal: number | null = null;
  const server = createHttpServer((_request, response) => {
    response.writeHead(405).end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    connects.push(target);
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    if (refusal !== null || host !== '127.0.0.1') {
      const status = refusal ?? 403;
      const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="hospital"\r\n' : '';
      client.end(`HTTP/1.1 ${status} Refused\r\n${challenge}Content-Length: 0\r\n\r\n`);
      return;
    }
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    for (const socket of [client, upstream]) socket.on('error', () => socket.destroy());
  });
  return {
    port: await listening(server),
    connects,
    refuseWith(status) {
      refusal = status;
    },
    close: closer(server, sockets),
  };
}
