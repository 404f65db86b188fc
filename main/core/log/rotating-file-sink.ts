// Appends log records as JSON lines to a file, rotating it when it grows past a size:
// app.log -> app.log.1 -> ... -> app.log.N (the oldest dropped). A failing disk never throws
// into the caller: logging must not take the messenger down; failures are counted instead.
import fs from 'node:fs';
import path from 'node:path';
import type { LogRecord, LogSink } from './logger';

export interface RotatingFileSinkOptions {
  file: string;
  maxBytes?: number;
  keep?: number;
}

export interface RotatingFileSink {
  sink: LogSink;
  /** Records that could not be written (full disk, permissions). */
  readonly failedWrites: number;
}

export function createRotatingFileSink({ file, maxBytes = 1_000_000, keep = 5 }: RotatingFileSinkOptions): RotatingFileSink {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let size = fileSize(file);
  let failedWrites = 0;

  function rotate(): void {
    for (let index = keep - 1; index >= 1; index -= 1) {
      const from = `${file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${index + 1}`);
    }
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
    fs.rmSync(`${file}.${keep + 1}`, { force: true });
    size = 0;
  }

  const sink = (record: LogRecord): void => {
    const line = `${JSON.stringify(record)}\n`;
    try {
      if (size + Buffer.byteLength(line) > maxBytes && size > 0) rotate();
      fs.appendFileSync(file, line, { mode: 0o600 });
      size += Buffer.byteLength(line);
    } catch {
      failedWrites += 1;
    }
  };

  return {
    sink,
    get failedWrites() {
      return failedWrites;
    },
  };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
