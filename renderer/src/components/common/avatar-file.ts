import type { CallInput } from '../../../../preload/contract';
import { maxAttachmentBytes } from '../../state/composer';

export type AvatarFile = NonNullable<CallInput<'createGroup'>['avatar']>;

/** Reads a chosen image into the bytes the contract carries, or says why it cannot. */
export async function avatarFile(file: File): Promise<AvatarFile | string> {
  if (!file.type.startsWith('image/')) return 'Choose an image file for the avatar.';
  if (file.size > maxAttachmentBytes) return 'The image is over 25 MB.';
  return { name: file.name || 'avatar', contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}
