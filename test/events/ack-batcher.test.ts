import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAckBatcher } from '../../main/core/events/ack-batcher';
import { createBackoff } from '../../main/core/events/backoff';
import type { Logger } from '../../main/core/log/logger';
import { ManualClock } from '../support/manual-clock';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An ack endpoint the test answers by hand: each request waits until accepted or refused. */
class AckEndpoint {
  readonly requests: { ids: string[]; accept: () => void; refuse: () => void }[] = [];
  readonly accepted: string[][] = [];

  readonly ack = (ids: string[]): Promise<void> =>
    new Promise((resolve, reject) => {
      this.requests.push({
        ids,
        accept: () => {
          this.accepted.push(ids);
          resolve();
        },
        refuse: () => reject(new Error('503 from server')),
      });
    });

  get last() {
    const request = this.requests.at(-1);
    if (request === undefined) throw new Error('no ack request was made');
    return request;
  }
}

function setup(maxBatch = 3, delayMs = 50, maxInFlight = 1) {
  const clock = new ManualClock(1_000_000);
  const endpoint = new AckEndpoint();
  const batcher = createAckBatcher({
    ack: endpoint.ack,
    maxBatch,
    maxInFlight,
    delayMs,
    backoff: createBackoff({ baseMs: 1_000, capMs: 8_000, random: () => 0.5 }),
    clock,
    log: quiet,
  });
  return { clock, endpoint, batcher };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ack batcher', () => {
  it('waits the batching delay and then sends the committed ids in one request', () => {
    const { clock, endpoint, batcher } = setup();
    batcher.committed(['a']);
    clock.advance(30);
    batcher.committed(['b']);
    expect(endpoint.requests).toHaveLength(0);
    clock.advance(20);
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['a', 'b']]);
  });

  it('sends a full batch at once and the rest after it was accepted', async () => {
    const { clock, endpoint, batcher } = setup(3);
    batcher.committed(['1', '2', '3', '4', '5', '6', '7']);
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['1', '2', '3']]);
    endpoint.last.accept();
    await settle();
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['1', '2', '3'], ['4', '5', '6']]);
    endpoint.last.accept();
    await settle();
    expect(endpoint.requests).toHaveLength(2);
    clock.advance(50);
    expect(endpoint.last.ids).toEqual(['7']);
    endpoint.last.accept();
    await settle();
    expect(batcher.pending).toBe(0);
  });

  it('keeps several full batches in flight at once, up to the limit, and sends a partial one only once all are answered', async () => {
    const { clock, endpoint, batcher } = setup(2, 50, 2);
    batcher.committed(['1', '2', '3', '4', '5', '6', '7']);
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['1', '2'], ['3', '4']]);
    endpoint.requests[1]!.accept();
    await settle();
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['1', '2'], ['3', '4'], ['5', '6']]);
    endpoint.requests[0]!.accept();
    endpoint.requests[2]!.accept();
    await settle();
    expect(endpoint.requests).toHaveLength(3);
    expect(batcher.pending).toBe(1);
    clock.advance(50);
    expect(endpoint.last.ids).toEqual(['7']);
  });

  it('flushes with several requests at once and resolves once all are accepted', async () => {
    const { endpoint, batcher } = setup(2, 50, 3);
    batcher.committed(['a']);
    batcher.committed(['b', 'c', 'd', 'e']);
    let done = false;
    const flushed = batcher.flush().then(() => {
      done = true;
    });
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    endpoint.requests[0]!.accept();
    endpoint.requests[2]!.accept();
    await settle();
    expect(done).toBe(false);
    endpoint.requests[1]!.accept();
    await flushed;
    expect(batcher.pending).toBe(0);
  });

  it('retries every refused batch of those in flight after one backoff', async () => {
    const { clock, endpoint, batcher } = setup(2, 50, 2);
    batcher.committed(['a', 'b', 'c', 'd']);
    endpoint.requests[0]!.refuse();
    endpoint.requests[1]!.refuse();
    await settle();
    expect(batcher.pending).toBe(4);
    expect(clock.pendingDelays).toEqual([500]);
    clock.advance(500);
    expect(endpoint.requests.slice(2).flatMap((r) => r.ids).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps the ids of a refused ack and retries them after the backoff, in order', async () => {
    const { clock, endpoint, batcher } = setup(10);
    batcher.committed(['a', 'b']);
    clock.advance(50);
    endpoint.last.refuse();
    await settle();
    batcher.committed(['c']);
    expect(batcher.pending).toBe(3);
    expect(clock.pendingDelays).toEqual([500]);
    clock.advance(499);
    expect(endpoint.requests).toHaveLength(1);
    clock.advance(1);
    expect(endpoint.last.ids).toEqual(['a', 'b', 'c']);
    endpoint.last.refuse();
    await settle();
    expect(clock.pendingDelays).toEqual([1_000]);
    clock.advance(1_000);
    endpoint.last.accept();
    await settle();
    expect(endpoint.accepted).toEqual([['a', 'b', 'c']]);
    expect(batcher.pending).toBe(0);
  });

  it('does not send a full batch early while it waits to retry', async () => {
    const { clock, endpoint, batcher } = setup(2);
    batcher.committed(['a', 'b']);
    endpoint.last.refuse();
    await settle();
    batcher.committed(['c', 'd', 'e']);
    expect(endpoint.requests).toHaveLength(1);
    clock.advance(500);
    expect(endpoint.last.ids).toEqual(['a', 'b']);
  });

  it('sends an id committed twice only once', () => {
    const { clock, endpoint, batcher } = setup(10);
    batcher.committed(['a', 'b']);
    batcher.committed(['b', 'a', 'c']);
    clock.advance(50);
    expect(endpoint.last.ids).toEqual(['a', 'b', 'c']);
  });

  it('flushes what is pending without waiting for the batching delay', async () => {
    const { endpoint, batcher } = setup(3);
    batcher.committed(['a']);
    batcher.committed(['b']);
    const flushed = batcher.flush();
    expect(endpoint.requests.map((r) => r.ids)).toEqual([['a', 'b']]);
    endpoint.last.accept();
    await flushed;
    expect(batcher.pending).toBe(0);
  });

  it('flushes across batches, after the one already in flight', async () => {
    const { endpoint, batcher } = setup(3);
    batcher.committed(['a', 'b', 'c', 'd']);
    let done = false;
    const flushed = batcher.flush().then(() => {
      done = true;
    });
    endpoint.last.accept();
    await settle();
    expect(endpoint.last.ids).toEqual(['d']);
    expect(done).toBe(false);
    endpoint.last.accept();
    await flushed;
    expect(endpoint.accepted).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('ends a flush when the server refuses, keeping the ids for the retry', async () => {
    const { clock, endpoint, batcher } = setup(3);
    batcher.committed(['a']);
    const flushed = batcher.flush();
    endpoint.last.refuse();
    await flushed;
    expect(batcher.pending).toBe(1);
    expect(clock.pendingDelays).toEqual([500]);
  });

  it('forgets unsent ids when closed and ignores new ones until opened again', async () => {
    const { clock, endpoint, batcher } = setup(10);
    batcher.committed(['a']);
    batcher.close();
    batcher.committed(['b']);
    clock.advance(1_000);
    expect(endpoint.requests).toHaveLength(0);
    expect(batcher.pending).toBe(0);
    batcher.open();
    batcher.committed(['c']);
    clock.advance(50);
    expect(endpoint.last.ids).toEqual(['c']);
  });

  it('a send in flight when closed does not disturb what comes after', async () => {
    const { clock, endpoint, batcher } = setup(10);
    batcher.committed(['a']);
    clock.advance(50);
    const inFlight = endpoint.last;
    batcher.close();
    batcher.open();
    batcher.committed(['b']);
    inFlight.refuse();
    await settle();
    clock.advance(50);
    expect(endpoint.last.ids).toEqual(['b']);
    expect(clock.pendingDelays).toEqual([]);
  });

  it('acknowledges exactly the committed ids, whatever the server refuses on the way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 3 }),
        async (commits, answers, inFlight) => {
          const { clock, endpoint, batcher } = setup(4, 20, inFlight);
          const committed = new Set<string>();
          let answered = 0;
          const answerAll = async () => {
            for (let guard = 0; guard < 200; guard++) {
              const open = endpoint.requests.filter((r) => !answeredSet.has(r));
              if (open.length === 0) return;
              for (const request of open) {
                answeredSet.add(request);
                const ok = answers[answered++ % answers.length] ?? true;
                if (ok || answered > 15) request.accept();
                else request.refuse();
              }
              await settle();
            }
          };
          const answeredSet = new Set<object>();
          for (const ids of commits) {
            const names = ids.map(String);
            for (const id of names) committed.add(id);
            batcher.committed(names);
            await answerAll();
            clock.advance(100);
            await answerAll();
          }
          for (let i = 0; i < 40 && batcher.pending > 0; i++) {
            clock.advance(10_000);
            await answerAll();
          }
          const acked = endpoint.accepted.flat();
          expect(new Set(acked)).toEqual(committed);
          for (const id of acked) expect(committed.has(id)).toBe(true);
          for (const request of endpoint.requests) expect(request.ids.length).toBeLessThanOrEqual(4);
        },
      ),
      { numRuns: 60 },
    );
  });
});
