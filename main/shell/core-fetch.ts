/**
 * The core's `fetch` in the app: Electron's net.fetch, so that every sign-in, API call, avatar
 * and event stream goes through Chromium's network stack and with it the system's proxy
 * settings, PAC files and certificate store, as a hospital's TLS-inspecting proxy requires.
 * Node's own fetch knows none of them. net.fetch exists only once the app is ready.
 */
import type { Net } from 'electron';

export function coreFetchOver(net: Pick<Net, 'fetch'>): typeof fetch {
  // net.fetch is declared for a string or a Request; the core also passes a URL (avatars).
  return (input, init) => net.fetch(input instanceof URL ? input.href : input, init);
}
