// The stand-in's net.fetch is as strict as Electron's: refused (thrown, not rejected) until the
// app is ready, then Node's fetch, each request recorded for the tests that check the app uses it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { useTempFolderPerTest } from '../support/temp-folder';
import { createDesktop } from './desktop';

const root = useTempFolderPerTest('tigerdesk-stand-in-net-');

async function loopbackServer(): Promise<string> {
  const server = createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the stand-in's net.fetch", () => {
  it('is refused before the app is ready, as Electron refuses it', async () => {
    const origin = await loopbackServer();
    const desktop = await createDesktop({ openSurface: () => Promise.reject(new Error('no windows here')), root: root() });
    const { net, app } = desktop.platform;
    expect(() => net.fetch(`${origin}/v2/user`)).toThrow('net module can only be used after app is ready');
    expect(desktop.netFetches).toEqual([]);

    await app.whenReady();
    const response = await net.fetch(`${origin}/v2/user?token=kept-out`, { method: 'POST' });
    expect(await response.text()).toBe('ok');
    expect(desktop.netFetches).toEqual([{ method: 'POST', url: `${origin}/v2/user` }]);
  });
});
