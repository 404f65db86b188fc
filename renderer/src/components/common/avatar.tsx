import { initials } from '../../format/names';

/**
 * The CSP allows only local and blob: images, and a remote avatar would tell the server who is
 * looking: anything but a blob: URL shows initials.
 */
export function Avatar({ name, avatar, group = false }: { name: string; avatar: string | null; group?: boolean }) {
  if (avatar !== null && avatar.startsWith('blob:')) return <img class="avatar" src={avatar} alt="" />;
  return (
    <span class={group ? 'avatar avatar-group' : 'avatar'} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
