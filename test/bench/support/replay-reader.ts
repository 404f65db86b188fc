/**
 * Reads what the sandbox would replay to a key right now, without acknowledging anything:
 * the raw text of the replay (for the ingest floor) or just what it holds (to check that an
 * ingest left nothing unacknowledged).
 */
import { createApiClient } from '../../../main/core/api';

export interface Replay {
  /** The raw SSE text from `replay_start` to `replay_stop`, both included. */
  text: string;
  /** What `replay_start` announced. */
  announced: number;
}

export function readReplay(apiUrl: string, credentials: { key: string; secret: string }): Promise<Replay> {
  return readReplayOf(createApiClient({ baseUrl: apiUrl, credentials }).eventStreamRequest());
}

/** The same, through a client's own event-stream request (its URL and signed headers). */
export async function readReplayOf(request: { url: string; headers: Record<string, string> }): Promise<Replay> {
  const controller = new AbortController();
  const response = await fetch(request.url, { headers: request.headers, signal: controller.signal });
  if (response.status !== 200 || response.body === null) throw new Error(`the event stream answered ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  let tail = '';
  try {
    // The stop advisory is the last frame of the replay; live events may follow it.
    while (!tail.includes('"replay_stop"')) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended before replay_stop');
      const chunk = decoder.decode(value, { stream: true });
      chunks.push(chunk);
      tail = tail.slice(-64) + chunk;
    }
  } finally {
    controller.abort();
  }
  const whole = chunks.join('');
  const text = whole.slice(0, whole.indexOf('\n\n', whole.lastIndexOf('"replay_stop"')) + 2);
  const announced = /"replay_message_count":(\d+)/.exec(text.slice(0, 400));
  if (announced === null) throw new Error('the replay did not begin with replay_start');
  return { text, announced: Number(announced[1]) };
}

/** The `data` payloads of an SSE text, one per event. */
export function dataLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
}

const messageEventKey = /"event":\{"tigertext:iq:(?:group_)?message":/;

/** The payloads among `lines` that carry a message (1:1 or group). */
export function messageLines(lines: readonly string[]): string[] {
  return lines.filter((line) => messageEventKey.test(line));
}
