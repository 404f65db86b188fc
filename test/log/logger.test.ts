import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, redactFields, redactText } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { createRotatingFileSink } from '../../main/core/log/rotating-file-sink';
import { useTempDirs } from '../store/temp-dir';

const tempDir = useTempDirs('tigerdesk-log-');

describe('log redaction', () => {
  it('drops the values of secret and body fields but keeps ids and counts', () => {
    expect(
      redactFields({ secret: 's3cr3t', key: 'k3y', password: 'pw', body: 'patient in bed 4', eventId: 'e1', count: 3 }),
    ).toEqual({ secret: REDACTED, key: REDACTED, password: REDACTED, body: REDACTED, eventId: 'e1', count: 3 });
  });

  it('masks an Authorization value wherever it appears in text', () => {
    expect(redactText('request failed: Authorization: Basic a2V5OnNlY3JldA== refused')).toBe(
      `request failed: Authorization: Basic ${REDACTED} refused`,
    );
    expect(redactText('XMPP-Simple cHJvZDp1c2VyOnB3 sent')).toBe(`XMPP-Simple ${REDACTED} sent`);
  });

  it('never lets a base64 credential through, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), fc.base64String({ minLength: 8 }), fc.string(), (before, credential, after) => {
        const out = redactText(`${before} Basic ${credential} ${after}`);
        expect(out).not.toContain(`Basic ${credential}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes scoped, timestamped, redacted records to its sink', () => {
    const records: LogRecord[] = [];
    const log = createLogger('events', (record) => records.push(record), () => Date.UTC(2026, 0, 2, 3, 4, 5));
    log.warn('skipped a malformed event', { eventId: 'abc', body: 'Mr Smith, bed 4' });
    expect(records).toEqual([
      {
        time: '2026-01-02T03:04:05.000Z',
        level: 'warn',
        scope: 'events',
        message: 'skipped a malformed event',
        fields: { eventId: 'abc', body: REDACTED },
      },
    ]);
  });
});

describe('the rotating log file', () => {
  it('appends JSON lines and rotates past the size limit, keeping a bounded number of files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'logs', 'tigerdesk.log');
    const { sink } = createRotatingFileSink({ file, maxBytes: 300, keep: 2 });
    const log = createLogger('test', sink);
    for (let i = 0; i < 40; i += 1) log.info('line', { i });
    const names = fs.readdirSync(path.dirname(file)).sort();
    expect(names).toEqual(['tigerdesk.log', 'tigerdesk.log.1', 'tigerdesk.log.2']);
    for (const name of names) expect(fs.statSync(path.join(dir, 'logs', name)).size).toBeLessThanOrEqual(300);
    const last = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as LogRecord);
    expect(last.at(-1)?.fields).toEqual({ i: 39 });
  });

  it('counts a failed write instead of throwing into the caller', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tigerdesk.log');
    const rotating = createRotatingFileSink({ file });
    fs.mkdirSync(file); // a directory where the file should be: every append fails
    const log = createLogger('test', rotating.sink);
    expect(() => log.error('disk trouble')).not.toThrow();
    expect(rotating.failedWrites).toBe(1);
  });
});
