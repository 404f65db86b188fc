import type { NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { badgeFor } from '../support/roster-badge';
import { AppBadge } from '../../main/shell/app-badge';
import { conversationSummary } from '../support/view-builders';

const badge = (unread: number, unreadPriority = 0) => badgeFor([conversationSummary({ unread, unreadPriority })], 0, english);

describe('the app badge', () => {
  it('sets the unread count on Linux and skips a count that did not change', () => {
    const counts: number[] = [];
    const appBadge = new AppBadge({ kind: 'count', app: { setBadgeCount: (count) => (counts.push(count ?? -1), true) } });
    appBadge.update(badge(3));
    appBadge.update(badge(3));
    appBadge.update(badge(0));
    expect(counts).toEqual([3, 0]);
  });

  it('marks high priority on the macOS dock and clears it at zero', () => {
    const labels: string[] = [];
    const appBadge = new AppBadge({ kind: 'dock', dock: { setBadge: (text) => void labels.push(text) } });
    appBadge.update(badge(2));
    appBadge.update(badge(2, 1));
    appBadge.update(badge(14, 1));
    appBadge.update(badge(0));
    expect(labels).toEqual(['2', '! 2', '! 9+', '']);
  });

  it('puts an overlay on the Windows taskbar button, described for screen readers, and removes it at zero', () => {
    const overlays: { image: string | null; description: string }[] = [];
    const appBadge = new AppBadge({
      kind: 'overlay',
      window: {
        isDestroyed: () => false,
        setOverlayIcon: (image, description) => void overlays.push({ image: image === null ? null : (image as unknown as { label: string }).label, description }),
      },
      image: (label, priority) => ({ label: `${label}${priority ? '!' : ''}` }) as unknown as NativeImage,
    });
    appBadge.update(badge(5, 1));
    appBadge.update(badge(0));
    expect(overlays).toEqual([
      { image: '5!', description: 'TigerDesk: 5 unread messages, high priority among them' },
      { image: null, description: '' },
    ]);
  });
});
