// The harness's WebSocket frames and their JSON form. A page invokes a channel of the stand-in
// ipcMain with packed arguments (test/desktop/ipc-wire.ts) and gets the reply as JSON text;
// main delivers batches of events the same way. JSON has no bytes, and contract calls carry
// Uint8Array (attachments, avatars): bytes travel as `{ "$bytes": base64 }`. So that no value
// can be mistaken for that tag, every object key starting with `$` gets one more `$` on the
// way out and loses it on the way in: any JSON-able value survives the trip unchanged.
// Shared by the Node server and the page's script: no Node or DOM API beyond atob/btoa.

const bytesTag = '$bytes';

export type InvokeFrame = { kind: 'invoke'; id: number; channel: string; args: string };
export type ReplyFrame = { kind: 'reply'; id: number; reply: string };
export type DeliverFrame = { kind: 'deliver'; batch: string };
export type ServerFrame = ReplyFrame | DeliverFrame;

export function encodeFrame(frame: InvokeFrame | ServerFrame): string {
  return JSON.stringify(frame);
}

/** Parses one frame's JSON. */
export function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WireError('The frame is not JSON');
  }
}

export function readInvokeFrame(value: unknown): InvokeFrame {
  if (!isPlainObject(value) || value.kind !== 'invoke') throw new WireError('The frame is not an invoke');
  if (!Number.isSafeInteger(value.id)) throw new WireError('The invoke has no whole-number id');
  if (typeof value.channel !== 'string') throw new WireError('The invoke has no channel');
  if (typeof value.args !== 'string') throw new WireError('The invoke has no packed arguments');
  return { kind: 'invoke', id: value.id as number, channel: value.channel, args: value.args };
}

export function readServerFrame(value: unknown): ServerFrame {
  if (isPlainObject(value) && value.kind === 'reply' && Number.isSafeInteger(value.id) && typeof value.reply === 'string') {
    return { kind: 'reply', id: value.id as number, reply: value.reply };
  }
  if (isPlainObject(value) && value.kind === 'deliver' && typeof value.batch === 'string') return { kind: 'deliver', batch: value.batch };
  throw new WireError('The frame is neither a reply nor a delivery');
}

export class WireError extends Error {
  override readonly name = 'WireError';
}

export function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [bytesTag]: bytesToBase64(value) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isPlainObject(value)) {
    // fromEntries defines own properties: a key "__proto__" stays a key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.startsWith('$') ? `$${key}` : key, encodeValue(item)]));
  }
  return value;
}

/**
 * Whether a JSON text can hold a tag or an escaped key: only then does it need decodeValue.
 * A burst of change sets is thousands of events a second, and nearly none of them do.
 */
export function mayHoldTags(text: string): boolean {
  return text.includes('"$');
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === bytesTag) {
    const encoded = value[bytesTag];
    if (typeof encoded !== 'string') throw new WireError('A $bytes value is not a base64 string');
    return base64ToBytes(encoded);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key.startsWith('$') && !key.startsWith('$$')) throw new WireError(`Unknown tag ${key}`);
      return [key.startsWith('$') ? key.slice(1) : key, decodeValue(item)];
    }),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

// String.fromCharCode takes its arguments on the stack: a 25 MB file goes in slices.
const slice = 0x8000;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += slice) {
    binary += String.fromCharCode(...bytes.subarray(start, start + slice));
  }
  return btoa(binary);
}

function base64ToBytes(encoded: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new WireError('A $bytes value is not valid base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
