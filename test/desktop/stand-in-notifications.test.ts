// The stand-in's notifications answer as the OS would: a reply field and buttons only where
// Electron gives them (macOS, Windows) and the notification asked for them, only while on
// screen, and with the event Electron 45 passes (its details on the event, the deprecated
// positional arguments after).
import { describe, expect, it } from 'vitest';
import { StandInNotification } from './desktop';

const answerable = { title: 'Ann Lee', hasReply: true, actions: [{ type: 'button' as const, text: 'On my way' }] };

function shown(options: ConstructorParameters<typeof StandInNotification>[0], platform: NodeJS.Platform = 'darwin') {
  const notification = new StandInNotification(options, platform);
  notification.show();
  const heard: unknown[][] = [];
  notification.on('reply', (...args: unknown[]) => heard.push(['reply', ...args]));
  notification.on('action', (...args: unknown[]) => heard.push(['action', ...args]));
  return { notification, heard };
}

describe('a stand-in notification', () => {
  it("emits 'reply' and 'action' as Electron 45 does", () => {
    const { notification, heard } = shown(answerable, 'win32');
    notification.reply('Be there in 5');
    notification.action(0);
    expect(heard).toEqual([
      ['reply', expect.objectContaining({ reply: 'Be there in 5' }), 'Be there in 5'],
      ['action', expect.objectContaining({ actionIndex: 0, selectionIndex: -1 }), 0, -1],
    ]);
  });

  it('has no reply field or buttons on Linux, whatever its options ask', () => {
    const { notification } = shown(answerable, 'linux');
    expect(() => notification.reply('x')).toThrow('Notifications on linux have no reply field or buttons');
    expect(() => notification.action(0)).toThrow('Notifications on linux have no reply field or buttons');
  });

  it('has no reply field without hasReply, and only the buttons it was given', () => {
    const { notification } = shown({ title: 'Ann Lee', actions: [{ type: 'button', text: 'Done' }] });
    expect(() => notification.reply('x')).toThrow('This notification has no reply field');
    expect(() => notification.action(1)).toThrow('This notification has no button 1: it has "Done"');
  });

  it('cannot be answered before it is shown or once it is closed', () => {
    const notification = new StandInNotification(answerable, 'darwin');
    expect(() => notification.reply('x')).toThrow('Only a notification on screen can be answered');
    notification.show();
    notification.close();
    expect(() => notification.action(0)).toThrow('Only a notification on screen can be answered');
  });
});
