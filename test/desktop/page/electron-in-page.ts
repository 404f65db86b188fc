// The `electron` module the built preload gets in a stand-in window's page: `contextBridge` and
// `ipcRenderer`, copying values the way Electron does. Bundled as one classic script and run
// before the page's own scripts, with the preload bundle, by stand-in-window.ts.
// - ipcRenderer.invoke and the events from main carry structured clones (a function, a DOM
//   node or a symbol cannot cross, as in Electron), in the harness's JSON wire form.
// - contextBridge.exposeInMainWorld hands the page a frozen copy: functions are wrapped, values
//   copied, and a rejected promise keeps only its error's message.
// Type-checked without the DOM library: it names the page objects it touches.
import { decodeValue } from '../../harness/wire';
import { packArgs, unpackArgs } from '../ipc-wire';

type IpcListener = (event: { sender: unknown }, ...args: unknown[]) => void;
type PageGlobals = Record<string, unknown> & {
  __tigerDesktopInvoke(channel: string, args: string): Promise<string>;
};
const page = globalThis as unknown as PageGlobals;
const invokeInMain = page.__tigerDesktopInvoke;

/** Electron's own wording when a value cannot be serialized for IPC. */
function cloned<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    throw new Error('An object could not be cloned.');
  }
}

const listeners = new Map<string, IpcListener[]>();

const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const reply = JSON.parse(await invokeInMain(channel, packArgs(cloned(args)))) as
      | { ok: true; value: unknown }
      | { ok: false; error: string };
    // Where the renderer benchmark's clock starts: the reply is in the page.
    performance.mark(`ipc:reply:${channel}`);
    if (reply.ok) return reply.value === undefined ? undefined : decodeValue(reply.value);
    throw new Error(`Error invoking remote method '${channel}': ${reply.error}`);
  },
  on(channel: string, listener: IpcListener) {
    listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: IpcListener) {
    const current = listeners.get(channel) ?? [];
    const at = current.indexOf(listener);
    if (at >= 0) listeners.set(channel, [...current.slice(0, at), ...current.slice(at + 1)]);
    return ipcRenderer;
  },
};

// What webContents.send delivers: a batch of [channel, encoded args] in the order they were sent.
Object.defineProperty(page, '__tigerDesktopDeliver', {
  value(batch: string) {
    for (const [channel, args] of JSON.parse(batch) as [string, string][]) {
      const values = unpackArgs(args);
      for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...values);
    }
  },
});

/** A value as the page's world receives it from the preload's (and back, for callbacks). */
function acrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => acrossWorlds(fn(...args.map(acrossWorlds)));
  }
  if (value instanceof Promise) {
    return value.then(acrossWorlds, (error: unknown) => {
      // Electron keeps only the message of an error that crosses the bridge.
      throw new Error(error instanceof Error ? error.message : String(error));
    });
  }
  if (Array.isArray(value)) return Object.freeze(value.map(acrossWorlds));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, acrossWorlds(item)])));
  }
  return cloned(value);
}

const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    if (key in page) throw new Error('Cannot bind an API on top of an existing property on the window object');
    Object.defineProperty(page, key, { value: acrossWorlds(api), enumerable: true });
  },
};

export const electron = { contextBridge, ipcRenderer };
