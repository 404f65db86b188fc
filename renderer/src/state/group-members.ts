import { batch, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { CallOutput, PendingMemberChange, TigerApi } from '../../../preload/contract';

export type GroupInfo = CallOutput<'groupInfo'>;

export type GroupMembers = {
  readonly info: ReadonlySignal<GroupInfo | null>;
  /** Membership changes still in the outbox, oldest first. */
  readonly pending: ReadonlySignal<readonly PendingMemberChange[]>;
  /** Why the group could not be read the first time; later failures keep what is shown. */
  readonly loadError: ReadonlySignal<string | null>;
  /** Reads the group and its pending changes again; overlapping reads are coalesced, the last answer wins. */
  refresh(): void;
  dispose(): void;
};

export type GroupMembersOptions = {
  /** How often the group is read again while a change waits to be sent or to show. Default 1 s. */
  pollMs?: number;
  /** How long a change that left the outbox may take to show in the members. Default 15 s. */
  settleMs?: number;
  now?: () => number;
  describeError?: (failure: unknown) => string;
};

type Expected = { change: PendingMemberChange; until: number };

const keyOf = (change: PendingMemberChange): string => `${change.change}:${change.person.token}`;

/** Whether the members already show what the change does. */
function shows(members: GroupInfo['members'], change: PendingMemberChange): boolean {
  const listed = members.some((member) => member.token === change.person.token);
  return change.change === 'add' ? listed : !listed;
}

/**
 * A group's members as the dialog shows them, followed while changes are on their way. A
 * queued change is listed as pending; once it leaves the outbox, the members are read again
 * until they show it: the server's word (a `bang` event) may land a moment after the send,
 * and neither announces itself to the window by a change set.
 */
export function createGroupMembers(
  api: Pick<TigerApi, 'groupInfo' | 'pendingMemberChanges'>,
  groupId: string,
  options: GroupMembersOptions = {},
): GroupMembers {
  const pollMs = options.pollMs ?? 1_000;
  const settleMs = options.settleMs ?? 15_000;
  const now = options.now ?? Date.now;
  const info = signal<GroupInfo | null>(null);
  const pending = signal<readonly PendingMemberChange[]>([]);
  const loadError = signal<string | null>(null);
  let expected: Expected[] = [];
  let reading = false;
  /** A read asked for while one was under way: 'full' reads the members too. */
  let queuedRead: 'none' | 'poll' | 'full' = 'none';
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const settle = (found: GroupInfo, queued: readonly PendingMemberChange[]): void => {
    const waiting = new Set(queued.map(keyOf));
    const left = pending.peek().filter((change) => !change.failed && !waiting.has(keyOf(change)));
    const at = now();
    expected = [...expected.filter((item) => !waiting.has(keyOf(item.change))), ...left.map((change) => ({ change, until: at + settleMs }))]
      .filter((item) => item.until > at && !shows(found.members, item.change));
  };

  const sameChanges = (a: readonly PendingMemberChange[], b: readonly PendingMemberChange[]): boolean =>
    a.length === b.length && a.every((change, index) => keyOf(change) === keyOf(b[index]!) && change.failed === b[index]!.failed);

  /**
   * A poll reads the members (which may ask the server to name someone) only when the pending
   * changes moved or one that left the outbox does not show yet; otherwise only the outbox.
   */
  const read = async (full: boolean): Promise<void> => {
    // Without the list the members still show; nothing is marked pending.
    const queued = await api.pendingMemberChanges({ groupId }).catch(() => [] as PendingMemberChange[]);
    if (disposed) return;
    const shown = info.peek();
    const needed = full || shown === null || expected.length > 0 || !sameChanges(queued, pending.peek());
    const found = needed ? await api.groupInfo({ groupId }) : shown;
    if (disposed || found === null) return;
    settle(found, queued);
    batch(() => {
      info.value = found;
      pending.value = queued;
      loadError.value = null;
    });
  };

  const schedule = (): void => {
    clearTimeout(timer);
    const waiting = pending.peek().some((change) => !change.failed) || expected.length > 0;
    if (!disposed && waiting) timer = setTimeout(() => start('poll'), pollMs);
  };

  function start(kind: 'poll' | 'full'): void {
    if (disposed) return;
    if (reading) {
      if (queuedRead !== 'full') queuedRead = kind;
      return;
    }
    reading = true;
    read(kind === 'full')
      .catch((failure: unknown) => {
        if (!disposed && info.peek() === null) loadError.value = `The group could not be loaded: ${(options.describeError ?? String)(failure)}`;
      })
      .finally(() => {
        reading = false;
        const next = queuedRead;
        queuedRead = 'none';
        if (next === 'none') schedule();
        else start(next);
      });
  }

  return {
    info,
    pending,
    loadError,
    refresh: () => start('full'),
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
