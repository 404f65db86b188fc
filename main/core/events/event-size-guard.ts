/**
 * Counts, as the bytes of the event stream arrive, how long the current line is and how large
 * the current event is, so that a server cannot make the client hold an endless line or an
 * endless event: the SSE parser (the `eventsource` package) buffers both without limit, so
 * the count is kept in front of it. Pure: it sees bytes, never keeps them.
 *
 * A line ends at CR, LF or CRLF; an empty line ends the event. Comment lines (starting with
 * ':') count as lines but not toward the event, which the parser does not keep them in: a
 * server's keep-alive comments over a long day must not add up to an oversized event.
 */
import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';

export interface Oversize {
  /** Why, naming the cap (never the content), in English (the log). */
  reason: string;
  /** The same, for the window. */
  said: UserText;
  /** How many bytes of the chunk came before the one past the cap: the events they end are whole and may be read. */
  keep: number;
}

export interface EventSizeGuard {
  /** Counts `chunk`; undefined while every line and event is within the cap. */
  take(chunk: Uint8Array): Oversize | undefined;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

export function createEventSizeGuard(maxBytes: number): EventSizeGuard {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError('maxEventBytes must be a whole number of bytes, 1 or more');
  let lineBytes = 0;
  let eventBytes = 0;
  let atLineStart = true;
  let inComment = false;
  // A CR just ended a line: an LF right after it belongs to the same line break, not an empty line.
  let afterCR = false;
  return {
    take(chunk) {
      for (let at = 0; at < chunk.length; at += 1) {
        const byte = chunk[at]!;
        if (byte === LF && afterCR) {
          afterCR = false;
          continue;
        }
        afterCR = byte === CR;
        if (byte === LF || byte === CR) {
          if (atLineStart) eventBytes = 0;
          lineBytes = 0;
          atLineStart = true;
          continue;
        }
        if (atLineStart) {
          inComment = byte === COLON;
          atLineStart = false;
        }
        lineBytes += 1;
        if (lineBytes > maxBytes) return oversize(userText('connection.line-too-long', { bytes: maxBytes }), at);
        if (!inComment) {
          eventBytes += 1;
          if (eventBytes > maxBytes) return oversize(userText('connection.event-too-large', { bytes: maxBytes }), at);
        }
      }
      return undefined;
    },
  };
}

function oversize(said: UserText, keep: number): Oversize {
  return { reason: englishText(said), said, keep };
}
