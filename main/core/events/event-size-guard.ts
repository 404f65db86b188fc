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
      // Line by line, not byte by byte: the breaks are found by indexOf (native), so a replay's
      // megabytes cost a few calls per line rather than a JavaScript step per byte.
      let nextLF = -1;
      let nextCR = -1;
      let at = 0;
      while (at < chunk.length) {
        if (afterCR) {
          afterCR = false;
          if (chunk[at] === LF) {
            at += 1;
            continue;
          }
        }
        if (nextLF < at) nextLF = indexOrEnd(chunk, LF, at);
        if (nextCR < at) nextCR = indexOrEnd(chunk, CR, at);
        const end = Math.min(nextLF, nextCR);
        const length = end - at;
        if (length > 0) {
          if (atLineStart) {
            inComment = chunk[at] === COLON;
            atLineStart = false;
          }
          // Where the count first passes the cap, if it does within this piece of the line;
          // at the same byte, the line's cap is the one named.
          const lineOver = lineBytes + length > maxBytes ? at + maxBytes - lineBytes : Infinity;
          const eventOver = !inComment && eventBytes + length > maxBytes ? at + maxBytes - eventBytes : Infinity;
          if (lineOver <= eventOver && lineOver !== Infinity) return oversize(userText('connection.line-too-long', { bytes: maxBytes }), lineOver);
          if (eventOver !== Infinity) return oversize(userText('connection.event-too-large', { bytes: maxBytes }), eventOver);
          lineBytes += length;
          if (!inComment) eventBytes += length;
        }
        if (end === chunk.length) break;
        if (atLineStart) eventBytes = 0;
        lineBytes = 0;
        atLineStart = true;
        afterCR = chunk[end] === CR;
        at = end + 1;
      }
      return undefined;
    },
  };
}

/** Where the next `byte` is from `from` on, or the chunk's length when there is none. */
function indexOrEnd(chunk: Uint8Array, byte: number, from: number): number {
  const found = chunk.indexOf(byte, from);
  return found === -1 ? chunk.length : found;
}

function oversize(said: UserText, keep: number): Oversize {
  return { reason: englishText(said), said, keep };
}
