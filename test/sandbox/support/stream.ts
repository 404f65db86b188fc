/** A plain-fetch reader of the sandbox event stream that keeps every event it saw, for assertions. */
export interface StreamEvent {
  eventId: string;
  name: string;
  payload: Record<string, unknown>;
}

const PREFIX = 'tigertext:iq:';

export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  /** Raw SSE field lines other than `data:` (the sandbox must send none). */
  readonly otherFields: string[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  private ended = false;
  readonly done: Promise<void>;

  private constructor(private readonly response: Response) {
    this.done = this.pump();
  }

  static async open(url: string, headers: Record<string, string>): Promise<EventStreamReader> {
    const controller = new AbortController();
    const response = await fetch(url, { headers, signal: controller.signal });
    if (response.status !== 200) throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
    const reader = new EventStreamReader(response);
    reader.controller.signal.addEventListener('abort', () => controller.abort());
    return reader;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  named(name: string): StreamEvent[] {
    return this.events.filter((event) => event.name === name);
  }

  /** Resolves with the first event (from the start) matching, waiting up to `timeoutMs`. */
  async waitFor(match: (event: StreamEvent) => boolean, timeoutMs = 5000): Promise<StreamEvent> {
    await this.waitUntil(() => this.events.some(match), timeoutMs, 'a matching event');
    return this.events.find(match)!;
  }

  /** Resolves with all matching events once there are at least `count`. */
  async waitForCount(count: number, match: (event: StreamEvent) => boolean, timeoutMs = 5000): Promise<StreamEvent[]> {
    await this.waitUntil(() => this.events.filter(match).length >= count, timeoutMs, `${count} matching events`);
    return this.events.filter(match);
  }

  async waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (this.ended) throw new Error(`event stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms (saw ${this.events.length} events)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the end of the replay that opens every connection. */
  replayDone(timeoutMs = 5000): Promise<StreamEvent> {
    return this.waitFor((event) => advisoryName(event) === 'replay_stop', timeoutMs);
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(): Promise<void> {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        this.wake();
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private take(block: string): void {
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      else if (line !== '') this.otherFields.push(line);
    }
    for (const text of data.join('\n').split('\n')) {
      if (text.trim() === '') continue;
      const parsed = JSON.parse(text) as { event_id: string; event: Record<string, Record<string, unknown>> };
      const [key, payload] = Object.entries(parsed.event)[0]!;
      this.events.push({ eventId: parsed.event_id, name: key.slice(PREFIX.length), payload });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

export function advisoryName(event: StreamEvent): string | undefined {
  if (event.name !== 'client_advisory') return undefined;
  return (event.payload.advisory as { name?: string } | undefined)?.name;
}

/** The events between replay_start and replay_stop of the first connect. */
export function replayed(events: readonly StreamEvent[]): StreamEvent[] {
  const start = events.findIndex((event) => advisoryName(event) === 'replay_start');
  const stop = events.findIndex((event) => advisoryName(event) === 'replay_stop');
  return events.slice(start + 1, stop);
}
