/**
 * A disk that fills up on demand: the real file system, except that while `full` a write
 * stores half its bytes and then fails with ENOSPC, as a write to a filling disk does. It
 * stands in at the thin file-writing edge the attachment cache and the save and open calls
 * take, so what they leave behind is checked on the real disk.
 */
import { writeFile } from 'node:fs/promises';
import { nodeCacheFileSystem } from '../../../main/core/store';
import type { CacheFileSystem } from '../../../main/core/store';

export interface FillingDisk extends CacheFileSystem {
  full: boolean;
  /** How many writes were refused for want of space: proof that a failure came from this disk. */
  refusedWrites: number;
}

export function fillingDisk(): FillingDisk {
  return {
    full: false,
    refusedWrites: 0,
    async writeNew(path, chunks) {
      if (!this.full) return nodeCacheFileSystem.writeNew(path, chunks);
      this.refusedWrites += 1;
      // The first chunk fits only in part; the rest of the source is left unread.
      let first: Uint8Array = new Uint8Array(0);
      for await (const chunk of chunks) {
        first = chunk;
        break;
      }
      await writeFile(path, first.subarray(0, first.length >> 1), { flag: 'wx' });
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    },
    rename: nodeCacheFileSystem.rename,
    readFrom: nodeCacheFileSystem.readFrom,
    remove: nodeCacheFileSystem.remove,
    list: nodeCacheFileSystem.list,
  };
}
