// The page's `window.tiger` in the harness: the same contract as preload/index.ts, carried
// over one WebSocket to this page's own core in Node, where every call is validated by the
// shell's answerCall. As in the preload, a call resolves to main's reply, failures included,
// and rejects only when the bridge itself fails (here: the socket is gone). Bundled by the
// harness and served as a same-origin script (the CSP allows no inline script), loaded before
// the app so `window.tiger` exists when it starts.
// Type-checked without the DOM library: it names the two page objects it touches.
import { callNames, eventNames } from '../../preload/contract';
import type { CallName, CallReply, EventName, TigerBridge } from '../../preload/contract';
import { decodeValue, encodeFrame, mayHoldTags, parseFrame, readServerFrame } from './wire';

type PageGlobals = { location: { host: string; protocol: string }; tiger?: TigerBridge };
const page = globalThis as unknown as PageGlobals;

const scheme = page.location.protocol === 'https:' ? 'wss:' : 'ws:';
const socket = new WebSocket(`${scheme}//${page.location.host}/harness/socket`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('The harness socket could not connect')), { once: true });
});
// Each call reports the failure; unobserved here, it would also surface as an unhandled rejection.
opened.catch(() => undefined);
// A page whose socket is gone behaves as a window whose main process died: calls fail.
let closedReason: string | null = null;

type Pending = { name: CallName; resolve: (reply: CallReply<CallName>) => void; reject: (error: Error) => void };
const pending = new Map<number, Pending>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message: { data: unknown }) => {
  if (typeof message.data !== 'string') return;
  const decode = mayHoldTags(message.data) ? decodeValue : (value: unknown) => value;
  const frame = readServerFrame(parseFrame(message.data));
  if (frame.kind === 'event') {
    const payload = decode(frame.payload);
    for (const listener of listeners.get(frame.name as EventName) ?? []) listener(payload);
    return;
  }
  const waiting = pending.get(frame.id);
  if (waiting === undefined) return;
  pending.delete(frame.id);
  // Where the page's own clock starts for the renderer benchmark: the reply is in the page.
  performance.mark(`tiger:reply:${waiting.name}`);
  waiting.resolve(decode(frame.reply) as CallReply<CallName>);
});

socket.addEventListener('close', () => {
  closedReason = 'The harness socket is closed';
  for (const waiting of pending.values()) waiting.reject(new Error(closedReason));
  pending.clear();
});

async function invoke(name: CallName, input: unknown): Promise<CallReply<CallName>> {
  await opened;
  if (closedReason !== null) throw new Error(closedReason);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { name, resolve, reject });
    socket.send(encodeFrame({ kind: 'call', id, name, input }));
  });
}

function on(event: EventName, listener: (payload: unknown) => void): () => void {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const set = listeners.get(event) ?? new Set();
  listeners.set(event, set);
  // One wrapper per subscription, as in the preload: the same listener twice is two subscriptions.
  const forward = (payload: unknown) => listener(payload);
  set.add(forward);
  return () => {
    set.delete(forward);
  };
}

page.tiger = Object.freeze({
  ...Object.fromEntries(callNames.map((name) => [name, (input?: unknown) => invoke(name, input)])),
  on,
}) as unknown as TigerBridge;
