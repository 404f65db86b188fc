import type { MessageView } from '../../../../preload/contract';
import { dayBounds } from '../../format/time';

/** One row of the virtualized thread: a day heading or a message. */
export type ThreadRow =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'message'; key: string; id: string; startsGroup: boolean };

/** Messages from one sender closer than this are shown as one group under one name. */
const groupGapMs = 5 * 60 * 1000;

/** Lays out messages (oldest first) under day headings, marking where a sender's run starts. */
export function threadRows(ids: readonly string[], lookup: (id: string) => MessageView | undefined): ThreadRow[] {
  const rows: ThreadRow[] = [];
  let previous: MessageView | undefined;
  // Messages come sorted, so the calendar is consulted only when a day boundary is crossed.
  let day = { start: 0, end: 0 };
  for (const id of ids) {
    const message = lookup(id);
    if (message === undefined) continue;
    if (message.createdAt < day.start || message.createdAt >= day.end) {
      day = dayBounds(message.createdAt);
      rows.push({ kind: 'day', key: `day:${day.start}`, time: message.createdAt });
      previous = undefined;
    }
    const startsGroup =
      previous === undefined || previous.senderToken !== message.senderToken || previous.outgoing !== message.outgoing || message.createdAt - previous.createdAt > groupGapMs;
    rows.push({ kind: 'message', key: id, id, startsGroup });
    previous = message;
  }
  return rows;
}
