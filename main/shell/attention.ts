// Asks for the user's attention when a high-priority message arrives and the window is not
// in front: the dock bounces until the app is activated (macOS), the frame flashes until
// the window is focused (Windows, Linux).
import type { Dock } from 'electron';
import type { AppWindow } from './platform';

export interface AttentionTarget {
  window: Pick<AppWindow, 'isFocused' | 'isDestroyed' | 'flashFrame' | 'once'>;
  /** macOS only. */
  dock?: Pick<Dock, 'bounce'>;
}

export class Attention {
  private flashing = false;
  private readonly target: AttentionTarget;

  constructor(target: AttentionTarget) {
    this.target = target;
  }

  request(): void {
    const { window, dock } = this.target;
    if (window.isDestroyed() || window.isFocused()) return;
    if (dock !== undefined) {
      dock.bounce('critical');
      return;
    }
    if (this.flashing) return;
    this.flashing = true;
    window.flashFrame(true);
    window.once('focus', () => {
      this.flashing = false;
      window.flashFrame(false);
    });
  }
}
