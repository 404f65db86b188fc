import { batch, signal } from '@preact/signals';
import type { ReadonlySignal } from '@preact/signals';
import type { CallOutput, PendingMemberChange, TigerApi } from '../../../preload/contract';
import { failureWording } from '../format/error-text';
import type { Wording } from '../format/error-text';

export type GroupInfo = CallOutput<'groupInfo'>;

export type GroupMembers = {
  readonly info: ReadonlySignal<GroupInfo | null>;
  /** Membership changes still in the outbox, oldest first. */
  readonly pending: ReadonlySignal<readonly PendingMemberChange[]>;
  /** Why the group could not be read the first time, worded when shown; later failures keep what is shown. */
  readonly loadError: ReadonlySignal<Wording | null>;
  /** Reads the group and its pending changes again; overlapping reads are coalesced, the last answer wins. */
  refresh(): void;
  dispose(): void;
};

/**
 * A group's members as the dialog shows them, with the changes still on their way listed as
 * pending. It reads only when asked: main reports the group's conversation changed when a
 * member change is queued, sent or fails, and when the server says someone joined or left,
 * and the dialog asks again on each of those (and when the outbox moves).
 */
export function createGroupMembers(
  api: Pick<TigerApi, 'groupInfo' | 'pendingMemberChanges'>,
  groupId: string,
): GroupMembers {
  const info = signal<GroupInfo | null>(null);
  const pending = signal<readonly PendingMemberChange[]>([]);
  const loadError = signal<Wording | null>(null);
  let reading = false;
  // Asked for while a read was under way: that read may have started before the change.
  let again = false;
  let disposed = false;

  const read = async (): Promise<void> => {
    const [queued, found] = await Promise.all([
      // Without the list the members still show; nothing is marked pending.
      api.pendingMemberChanges({ groupId }).catch(() => [] as PendingMemberChange[]),
      api.groupInfo({ groupId }),
    ]);
    if (disposed) return;
    batch(() => {
      info.value = found;
      pending.value = queued;
      loadError.value = null;
    });
  };

  function start(): void {
    if (disposed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    read()
      .catch((failure: unknown) => {
        if (!disposed && info.peek() === null) loadError.value = failureWording(failure, 'group.load-failed');
      })
      .finally(() => {
        reading = false;
        if (!again) return;
        again = false;
        start();
      });
  }

  return {
    info,
    pending,
    loadError,
    refresh: start,
    dispose() {
      disposed = true;
    },
  };
}
