import { afterEach, expect, it } from 'vitest';
import { pour, startHostileServer } from '../support/hostile-server';
import type { HostileServer, Pouring } from '../support/hostile-server';
import { runHostileReader } from '../support/hostile-reader';

const MB = 1024 * 1024;
let server: HostileServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('holds a bounded amount while every connection of the event stream sends a line that never ends, with a 256 KB cap (measured in a process of its own)', async () => {
  const pourings: Pouring[] = [];
  server = await startHostileServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    pourings.push(pour(res, Buffer.alloc(64 * 1024, 0x78), Number.POSITIVE_INFINITY, Buffer.from('data: ')));
  });
  const cap = 256 * 1024;
  const report = await runHostileReader({ mode: 'events', origin: server.origin, capBytes: cap, runMs: 4_000 });
  expect(report.outcome).toBe(`a line of the event stream is longer than the cap of ${cap} bytes`);
  // Cut at the cap each time, and connected again (through the backoff) each time.
  expect(report.cuts).toBeGreaterThanOrEqual(2);
  expect(pourings.length).toBeGreaterThanOrEqual(report.cuts);
  const written = await Promise.all(pourings.map((pouring) => pouring.finished));
  for (const bytes of written) expect(bytes).toBeLessThan(32 * MB);
  // Without the cap the parser holds every byte of the line: over 100 MB within the run here
  // (measured: 116 MB heap and buffers, 142 MB rss). With it, about 17 MB at the peak, most of
  // it garbage not yet collected; the bounds leave room for a loaded machine.
  expect(report.peak.heapAndBuffers, JSON.stringify(report)).toBeLessThan(48 * MB);
  expect(report.peak.rss, JSON.stringify(report)).toBeLessThan(100 * MB);
});
