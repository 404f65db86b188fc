import type { CallInput } from '../../../../preload/contract';
import { maxAttachmentBytes } from '../../state/composer';

type AvatarFile = NonNullable<CallInput<'createGroup'>['avatar']>;

/** Reads a chosen image into the bytes the contract carries, or says why it cannot. */
async function avatarFile(file: File): Promise<AvatarFile | string> {
  if (!file.type.startsWith('image/')) return 'Choose an image file for the avatar.';
  if (file.size > maxAttachmentBytes) return 'The image is over 25 MB.';
  return { name: file.name || 'avatar', contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** A labelled picker for a picture (a profile's, a group's): the image read, or why it cannot be used. */
export function PictureField({ label, onPicture, onRefused }: {
  label: string;
  onPicture: (avatar: AvatarFile) => void;
  onRefused: (reason: string) => void;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file === undefined) return;
          void avatarFile(file).then((avatar) => (typeof avatar === 'string' ? onRefused(avatar) : onPicture(avatar)));
        }}
      />
    </label>
  );
}
