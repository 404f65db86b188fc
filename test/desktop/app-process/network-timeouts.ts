// The stand-in's net.fetch is Node's fetch, so Chromium's network stack runs here in the app's
// own process, where Electron's runs in a network service of its own. Node's fetch (undici)
// gives every request a body and a headers timeout (300 s) kept on its "fast timers", which
// tick twice a second for as long as any request is open: with the event stream always open,
// the app's process would wake twice a second for a timeout Chromium does not have (its
// network service sets none on a response; the app keeps its own per-call timeouts and the
// stream's watchdog). Node's fetch takes its dispatcher from the global that undici's
// setGlobalDispatcher sets, so this one, without those two timeouts, serves every request.
import { Agent, setGlobalDispatcher } from 'undici';

export function dropNetworkStackTimeouts(): void {
  setGlobalDispatcher(new Agent({ bodyTimeout: 0, headersTimeout: 0 }));
}
