/**
 * The network between the app and its server, as a machine's sleep leaves it: a TCP relay on
 * loopback. `sleep()` does to every open connection what the sleep does: the server gives up
 * on it (its end is closed, so what it sends meanwhile waits for the client's next connection,
 * unacknowledged), while the app's end stays open and silent, as a sleeping machine hears
 * nothing of it; should the app write to it, it is reset, as the server's host answers a
 * segment of a connection it no longer has. Only the app's own evidence of the wake (the resume
 * event) gets it a live stream again. Connections tried while asleep are refused.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface SleepyLink {
  /** http://127.0.0.1:<port>/v2: the server URL the account signs in to. */
  apiUrl: string;
  sleep(): void;
  wake(): void;
  close(): Promise<void>;
}

interface Relayed {
  app: Socket;
  server: Socket;
  /** The server's end is gone; the app's end stays, silent. */
  severed: boolean;
}

/** Relays to the server on 127.0.0.1:`serverPort`. */
export async function startSleepyLink(serverPort: number): Promise<SleepyLink> {
  const open = new Set<Relayed>();
  const severedApps = new Set<Socket>();
  let asleep = false;
  const relay = createServer((app) => {
    if (asleep) {
      app.resetAndDestroy();
      return;
    }
    const relayed: Relayed = { app, server: connect(serverPort, '127.0.0.1'), severed: false };
    open.add(relayed);
    for (const socket of [relayed.app, relayed.server]) socket.on('error', () => socket.destroy());
    relayed.app.pipe(relayed.server).pipe(relayed.app);
    relayed.app.on('close', () => {
      relayed.server.destroy();
      open.delete(relayed);
      severedApps.delete(app);
    });
    relayed.server.on('close', () => {
      if (!relayed.severed) relayed.app.destroy();
      open.delete(relayed);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve((relay.address() as AddressInfo).port));
  });
  return {
    apiUrl: `http://127.0.0.1:${port}/v2`,
    sleep() {
      asleep = true;
      for (const relayed of open) {
        relayed.severed = true;
        relayed.app.unpipe(relayed.server);
        relayed.server.unpipe(relayed.app);
        relayed.server.destroy();
        severedApps.add(relayed.app);
        relayed.app.on('data', () => relayed.app.resetAndDestroy());
        // unpipe paused it: a 'data' listener alone would not let it read again.
        relayed.app.resume();
      }
      open.clear();
    },
    wake() {
      asleep = false;
    },
    close() {
      for (const relayed of open) relayed.app.destroy();
      for (const app of severedApps) app.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}
