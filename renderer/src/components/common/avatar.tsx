import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { initials } from '../../format/names';
import { useApp } from '../app-context';

/**
 * The CSP allows only local and blob: images, and a remote image would tell its server who is
 * looking: the picture's bytes come from main (which fetches them) and show through a blob:
 * URL. Until they arrive, and when there are none, initials show.
 */
export function Avatar({ name, token, avatar, group = false }: { name: string; token: string; avatar: string | null; group?: boolean }) {
  const app = useApp();
  const [url, setUrl] = useState<ReadonlySignal<string | null> | null>(null);
  useEffect(() => {
    if (avatar === null) {
      setUrl(null);
      return undefined;
    }
    const held = app.avatars.hold(group ? 'group' : 'person', token, avatar);
    setUrl(held.url);
    return () => held.release();
  }, [token, avatar, group]);
  const shown = url?.value ?? null;
  if (shown !== null) return <img class="avatar" src={shown} alt="" />;
  return (
    <span class={group ? 'avatar avatar-group' : 'avatar'} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
