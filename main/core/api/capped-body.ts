/**
 * Reading a reply body without letting the server decide how much we hold: chunks are taken
 * as they arrive and counted, and the first byte past the cap ends the read (the rest is
 * cancelled, never buffered) with a 'too-large' ApiError. Every body the client reads (JSON
 * replies, attachment downloads) goes through here.
 */
import { ApiError } from './api-error';

/** The chunks of `body`, at most `maxBytes` of them in all; past that, a 'too-large' ApiError and the body cancelled. */
export async function* cappedChunks<Chunk extends Uint8Array>(body: ReadableStream<Chunk>, maxBytes: number, operation: string): AsyncGenerator<Chunk, void, undefined> {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new RangeError('maxBytes must be a whole number of bytes, 0 or more');
  const reader = body.getReader();
  let received = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) throw tooLarge(operation, maxBytes);
      yield value;
    }
  } finally {
    // Stopped early (too large, or the consumer gave up): the connection is released, not drained.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The whole body in one buffer, refused past `maxBytes` as cappedChunks does. */
export async function readCapped<Buffer extends ArrayBufferLike>(
  body: ReadableStream<Uint8Array<Buffer>> | null,
  maxBytes: number,
  operation: string,
): Promise<Uint8Array<Buffer | ArrayBuffer>> {
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array<Buffer>[] = [];
  let length = 0;
  for await (const chunk of cappedChunks(body, maxBytes, operation)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const whole = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

export function tooLarge(operation: string, maxBytes: number): ApiError {
  return new ApiError({ kind: 'too-large', operation, detail: `the reply is larger than ${maxBytes} bytes; the rest of it was not read` });
}
