// The harness page's link to its app: the stand-in `electron` module's two ends
// (`__tigerDesktopInvoke` for calls, `__tigerDesktopDeliver` for events) carried over one
// WebSocket to the page's own app instance in Node. Bundled first into the page script, before
// the stand-in `electron` module and the app's preload (see harness-server.ts).
// Type-checked without the DOM library: it names the page objects it touches.
import { encodeFrame, parseFrame, readServerFrame } from './wire';

type PageGlobals = {
  location: { host: string; protocol: string };
  __tigerDesktopInvoke?: (channel: string, args: string) => Promise<string>;
  __tigerDesktopDeliver?: (batch: string) => void;
};
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
const pending = new Map<number, { resolve: (reply: string) => void; reject: (error: Error) => void }>();
let nextId = 1;

socket.addEventListener('message', (message: { data: unknown }) => {
  if (typeof message.data !== 'string') return;
  const frame = readServerFrame(parseFrame(message.data));
  if (frame.kind === 'deliver') {
    page.__tigerDesktopDeliver?.(frame.batch);
    return;
  }
  const waiting = pending.get(frame.id);
  pending.delete(frame.id);
  waiting?.resolve(frame.reply);
});

socket.addEventListener('close', () => {
  closedReason = 'The harness socket is closed';
  for (const waiting of pending.values()) waiting.reject(new Error(closedReason));
  pending.clear();
});

page.__tigerDesktopInvoke = async (channel, args) => {
  await opened;
  if (closedReason !== null) throw new Error(closedReason);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    socket.send(encodeFrame({ kind: 'invoke', id, channel, args }));
  });
};
