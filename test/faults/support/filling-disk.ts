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
    async writeNew(path, data) {
      if (!this.full) return nodeCacheFileSystem.writeNew(path, data);
      this.refusedWrites += 1;
      await writeFile(path, data.subarray(0, data.length >> 1), { flag: 'wx' });
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    },
    rename: nodeCacheFileSystem.rename,
    read: nodeCacheFileSystem.read,
    remove: nodeCacheFileSystem.remove,
    list: nodeCacheFileSystem.list,
  };
}
