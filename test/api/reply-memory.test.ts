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

it('holds a bounded amount while a server sends a 200 MB reply, with a 1 MB cap (measured in a process of its own)', async () => {
  const pourings: Pouring[] = [];
  server = await startHostileServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    pourings.push(pour(res, Buffer.alloc(64 * 1024, 0x20), 200 * MB, Buffer.from('{"reply":')));
  });
  const report = await runHostileReader({ mode: 'reply', origin: server.origin, capBytes: MB });
  expect(report.outcome).toBe(`getMessage: too-large: the reply is larger than ${MB} bytes; the rest of it was not read`);
  const written = await pourings[0]!.finished;
  expect(written).toBeLessThan(32 * MB);
  expect(report.samples).toBeGreaterThan(1);
  // Holding the reply would take 200 MB (measured without the cap: 630 MB heap and buffers while
  // it is joined and parsed); with it, about 8 MB. The bounds leave room for a loaded machine.
  expect(report.peak.heapAndBuffers, JSON.stringify(report)).toBeLessThan(24 * MB);
  expect(report.peak.rss, JSON.stringify(report)).toBeLessThan(100 * MB);
});
