// The `electron` module the built preload gets in a stand-in window's page: `contextBridge` and
// `ipcRenderer`, copying values the way Electron does. Bundled as one classic script and run
// before the page's own scripts, with the preload bundle, by stand-in-window.ts.
// - ipcRenderer.invoke and the events from main carry structured clones (a function, a DOM
//   node or a symbol cannot cross, as in Electron), in the harness's JSON wire form.
// - contextBridge.exposeInMainWorld hands the page a frozen copy: functions are wrapped, values
//   copied, and a rejected promise keeps only its error's message.
// Type-checked without the DOM library: it names the page objects it touches.
import { decodeValue, mayHoldTags } from '../../harness/wire';
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

/** Values just decoded from IPC: plain data, in no other hands. */
const freshFromIpc = new WeakSet<object>();
function fresh<T>(value: T): T {
  if (typeof value === 'object' && value !== null) freshFromIpc.add(value);
  return value;
}

const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const text = await invokeInMain(channel, packArgs(cloned(args)));
    const reply = JSON.parse(text) as { ok: true; value: unknown } | { ok: false; error: string };
    if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.error}`);
    const value = fresh(reply.value === undefined || !mayHoldTags(text) ? reply.value : decodeValue(reply.value));
    // Where the renderer benchmark's clock starts: the reply is in the page.
    performance.mark(`ipc:reply:${channel}`);
    return value;
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

// What webContents.send delivers: a batch of [channel, packed args] in the order they were
// sent. Each message is its own task, as each IPC message is in Electron: a burst from main
// lets the page paint between messages instead of arriving as one long task.
const inbox: [string, string][] = [];
const taskPort = new MessageChannel();
// Assigning onmessage starts the port, as in the browser.
(taskPort.port1 as unknown as { onmessage: () => void }).onmessage = () => {
  const next = inbox.shift();
  if (next === undefined) return;
  const [channel, args] = next;
  const values = unpackArgs(args).map(fresh);
  for (const listener of listeners.get(channel) ?? []) listener({ sender: ipcRenderer }, ...values);
};
Object.defineProperty(page, '__tigerDesktopDeliver', {
  value(batch: string) {
    for (const message of JSON.parse(batch) as [string, string][]) {
      inbox.push(message);
      taskPort.port2.postMessage(null);
    }
  },
});

/**
 * A value as the page's world receives it from the preload's (and back, for callbacks): a copy,
 * as contextBridge makes one. Plain values are copied without freezing, as Electron's are.
 */
function acrossWorlds(value: unknown): unknown {
  if (typeof value !== 'object' && typeof value !== 'function') return value;
  if (value === null) return value;
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
  // Fresh from IPC: plain data no other code holds, as a copy would be. Copying it again would
  // change nothing but the time the stand-in takes, which Electron spends natively.
  if (freshFromIpc.has(value)) return value;
  if (Array.isArray(value)) return value.map(acrossWorlds);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = acrossWorlds((value as Record<string, unknown>)[key]);
    return copy;
  }
  return cloned(value);
}

const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    if (key in page) throw new Error('Cannot bind an API on top of an existing property on the window object');
    // The API object itself is frozen: the page cannot swap a call for another.
    Object.defineProperty(page, key, { value: Object.freeze(acrossWorlds(api)), enumerable: true });
  },
};

export const electron = { contextBridge, ipcRenderer };
