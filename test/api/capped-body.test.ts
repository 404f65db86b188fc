import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api/api-error';
import { cappedChunks, readCapped } from '../../main/core/api/capped-body';

/** A body that hands out `chunks` one pull at a time and records how many were pulled and whether it was cancelled. */
function countingBody(chunks: Uint8Array[]) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[seen.pulled];
        seen.pulled += 1;
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, seen };
}

const bytes = (length: number, fill = 7) => new Uint8Array(length).fill(fill);

describe('readCapped', () => {
  it('returns a body at or under the cap whole, in order', async () => {
    const { body } = countingBody([bytes(3, 1), bytes(2, 2)]);
    expect([...(await readCapped(body, 5, 'op'))]).toEqual([1, 1, 1, 2, 2]);
  });

  it('reads no body as empty', async () => {
    expect((await readCapped(null, 0, 'op')).byteLength).toBe(0);
  });

  it('refuses a body one byte over the cap with too-large, and stops reading it there', async () => {
    const { body, seen } = countingBody([bytes(4), bytes(2), bytes(100), bytes(100)]);
    const error = await readCapped(body, 5, 'getAttachment').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'too-large', operation: 'getAttachment', retryable: false });
    expect((error as Error).message).toBe('getAttachment: too-large: the reply is larger than 5 bytes; the rest of it was not read');
    expect(seen.pulled).toBe(2);
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a cap that is not a whole number of bytes', async () => {
    await expect(readCapped(countingBody([]).body, -1, 'op')).rejects.toThrow(RangeError);
    await expect(readCapped(countingBody([]).body, 1.5, 'op')).rejects.toThrow(RangeError);
  });
});

describe('cappedChunks', () => {
  it('cancels the body when the reader stops early, so the connection is released', async () => {
    const { body, seen } = countingBody([bytes(1), bytes(1), bytes(1)]);
    for await (const chunk of cappedChunks(body, 10, 'op')) {
      expect(chunk.byteLength).toBe(1);
      break;
    }
    expect(seen.cancelled).toBe(true);
  });

  it('does not cancel a body read to its end', async () => {
    const { body, seen } = countingBody([bytes(1), bytes(1)]);
    let total = 0;
    for await (const chunk of cappedChunks(body, 2, 'op')) total += chunk.byteLength;
    expect(total).toBe(2);
    expect(seen.cancelled).toBe(false);
  });
});
