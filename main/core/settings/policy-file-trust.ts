/**
 * Whether the managed settings file on Linux or macOS can only have been written by an
 * administrator: the file, its folder and every folder above it up to `/` are owned by root
 * and writable by no one else. Otherwise a user could have written the file (or swapped its
 * folder) and chosen their own "managed" settings, so the file is refused and the strictest
 * settings apply. Pure: the records come from `lstat` (loadManagedPolicy in settings-files.ts).
 */

/** What lstat tells of one component of the path. */
export interface PathRecord {
  path: string;
  uid: number;
  /** st_mode, with the file type bits. */
  mode: number;
  kind: 'file' | 'directory' | 'symlink' | 'other';
}

const groupOrOtherWritable = 0o022;
const otherWritable = 0o002;
const sticky = 0o1000;

/**
 * Why the file is not trusted, or null when it is. `records` holds the file first, then each
 * folder up to `/`, for the path as named and (when symlinks lead elsewhere) as resolved.
 * - A component not owned by root (uid 0) is refused: its owner can rewrite or replace it.
 * - A file or folder writable by its group or by everyone is refused, except a folder above
 *   the policy's own folder that is sticky (like /tmp): there only an entry's owner (here root)
 *   may rename or remove it.
 * - A symlink's own mode means nothing (it is always 0777); its owner still counts, and where
 *   it leads is checked through the resolved path's records.
 */
export function untrustedPolicyReason(records: readonly PathRecord[]): string | null {
  const file = records[0];
  if (file === undefined) return 'no path was checked';
  if (file.kind !== 'file' && file.kind !== 'symlink') return `${file.path} is not a regular file`;
  for (const [index, record] of records.entries()) {
    if (record.uid !== 0) return `${record.path} is owned by uid ${record.uid}, not by root`;
    if (record.kind === 'symlink') continue;
    const writable = record.mode & groupOrOtherWritable;
    if (writable === 0) continue;
    const aboveOwnFolder = record.kind === 'directory' && !isFileOrItsFolder(records, index);
    if (aboveOwnFolder && (record.mode & sticky) !== 0) continue;
    return `${record.path} is writable by ${writable & otherWritable ? 'everyone' : 'its group'} (mode ${(record.mode & 0o7777).toString(8).padStart(4, '0')})`;
  }
  return null;
}

/** The file itself and its immediate folder, in either the named or the resolved path. */
function isFileOrItsFolder(records: readonly PathRecord[], index: number): boolean {
  const record = records[index]!;
  if (record.kind === 'file' || record.kind === 'symlink') return true;
  const previous = records[index - 1];
  return previous !== undefined && (previous.kind === 'file' || previous.kind === 'symlink') && isParentOf(record.path, previous.path);
}

function isParentOf(folder: string, entry: string): boolean {
  const cut = entry.lastIndexOf('/');
  return (cut === 0 ? '/' : entry.slice(0, cut)) === folder;
}
