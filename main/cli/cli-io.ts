import type { Writable } from 'node:stream';
import type { SecretSource } from './secret-input';

export interface CliIo extends SecretSource {
  stdout: Writable;
  env: NodeJS.ProcessEnv;
  /** Settles when the user interrupts (SIGINT, SIGTERM): `tail` stops then. */
  interrupted: Promise<void>;
}
