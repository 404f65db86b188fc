import { signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { AvatarKind, TigerApi } from '../../../preload/contract';

export type HeldAvatar = {
  /** A blob: URL once main has answered with the picture; null until then, and for good when there is none. */
  readonly url: ReadonlySignal<string | null>;
  /** This user of the picture no longer shows it. */
  release(): void;
};

export type AvatarStore = {
  /**
   * The picture of a person or group whose view carries the avatar address `address` (a new
   * address is a new picture). Everyone showing it shares one blob: URL, revoked when the last
   * of them releases it.
   */
  hold(kind: AvatarKind, token: string, address: string): HeldAvatar;
  /** Revokes every URL: another account may show other pictures under the same tokens. */
  clear(): void;
};

type Entry = { url: Signal<string | null>; users: number; created: string | null; live: boolean };

export function createAvatarStore(api: Pick<TigerApi, 'avatar'>): AvatarStore {
  const entries = new Map<string, Entry>();
  const retire = (key: string, entry: Entry): void => {
    if (entries.get(key) === entry) entries.delete(key);
    entry.live = false;
    if (entry.created !== null) URL.revokeObjectURL(entry.created);
    entry.created = null;
    entry.url.value = null;
  };
  return {
    hold(kind, token, address) {
      const key = JSON.stringify([kind, token, address]);
      let entry = entries.get(key);
      if (entry === undefined) {
        const fresh: Entry = { url: signal(null), users: 0, created: null, live: true };
        entries.set(key, fresh);
        // No picture, or one main could not fetch: initials show, as for someone without one.
        api.avatar({ kind, token }).then(
          (image) => {
            if (image === null || !fresh.live) return;
            fresh.created = URL.createObjectURL(new Blob([new Uint8Array(image.bytes)], { type: image.contentType }));
            fresh.url.value = fresh.created;
          },
          () => undefined,
        );
        entry = fresh;
      }
      const held = entry;
      held.users += 1;
      let released = false;
      return {
        url: held.url,
        release() {
          if (released) return;
          released = true;
          held.users -= 1;
          if (held.users === 0) retire(key, held);
        },
      };
    },
    clear() {
      for (const [key, entry] of [...entries]) retire(key, entry);
    },
  };
}
