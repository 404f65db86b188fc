import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxPaths } from './context';

/** Message attachments live on disk, one file per message, named by the message token. */
export function attachmentPath(paths: SandboxPaths, messageToken: string): string {
  return join(paths.attachments, messageToken);
}

export function avatarPath(paths: SandboxPaths, groupToken: string): string {
  return join(paths.avatars, groupToken);
}

export function adoptFile(uploadPath: string, destination: string): void {
  renameSync(uploadPath, destination);
}

export function copyAttachment(paths: SandboxPaths, fromToken: string, toToken: string): void {
  copyFileSync(attachmentPath(paths, fromToken), attachmentPath(paths, toToken));
}

export function removeAttachment(paths: SandboxPaths, messageToken: string): void {
  rmSync(attachmentPath(paths, messageToken), { force: true });
}
