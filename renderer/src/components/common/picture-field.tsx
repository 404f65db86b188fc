import type { UserText } from '../../../../i18n/user-text';
import type { CallInput } from '../../../../preload/contract';
import { maxAttachmentBytes } from '../../state/composer';
import { said } from '../../state/language';

type AvatarFile = NonNullable<CallInput<'createGroup'>['avatar']>;

/** Reads a chosen image into the bytes the contract carries, or says why it cannot. */
async function avatarFile(file: File): Promise<AvatarFile | UserText> {
  if (!file.type.startsWith('image/')) return { key: 'common.picture.not-image' };
  if (file.size > maxAttachmentBytes) return { key: 'common.picture.too-large', params: { megabytes: Math.floor(maxAttachmentBytes / (1024 * 1024)) } };
  return { name: file.name || 'avatar', contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * A labelled picker for a picture (a profile's, a group's): the image read, or why it cannot be
 * used, worded now and as a UserText to keep (and word again after a change of language).
 */
export function PictureField({ label, onPicture, onRefused }: {
  label: string;
  onPicture: (avatar: AvatarFile) => void;
  onRefused: (reason: string, text: UserText) => void;
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
          void avatarFile(file).then((avatar) => ('key' in avatar ? onRefused(said(avatar), avatar) : onPicture(avatar)));
        }}
      />
    </label>
  );
}
