/**
 * Why a database could not be opened:
 * - invalid-key: the key given is not 64 hex digits (nothing was touched);
 * - wrong-key-or-corrupt: the file is not readable with this key; SQLCipher cannot tell a
 *   wrong key from damage. The file is left as it was; `moveAside` keeps it and makes room;
 * - newer-version: written by a newer TigerDesk, whose schema this one does not know;
 * - migration-failed: a schema step failed; it was rolled back;
 * - io: the file or its folder cannot be read or written (permissions, disk full).
 */
export type StoreOpenErrorReason = 'invalid-key' | 'wrong-key-or-corrupt' | 'newer-version' | 'migration-failed' | 'io';

export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  readonly reason: StoreOpenErrorReason;
  readonly path: string;

  constructor(reason: StoreOpenErrorReason, path: string, message: string) {
    super(message);
    this.reason = reason;
    this.path = path;
  }
}
