import type { Menu, MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import { english } from '../../i18n/english';
import { badgeFor } from '../support/roster-badge';
import type { TrayImageName } from '../../main/core/notify/badge';
import { trayIconPng } from '../../main/core/notify/badge-images';
import type { Translator } from '../../i18n/translator';
import { mainTranslator } from '../../main/core/language/main-language';
import { TrayService } from '../../main/shell/tray';
import { conversationSummary } from '../support/view-builders';
import { countColor, readPng } from './support/png-reader';

const unreadRed = [217, 48, 37] as const;
const white = [255, 255, 255] as const;

/** A Tray that records what it was told; images are stand-ins carrying their name. */
function fakeTray() {
  const calls: string[] = [];
  const images: string[] = [];
  let tooltip = '';
  let menu: MenuItemConstructorOptions[] = [];
  const listeners = new Map<string, () => void>();
  const tray = {
    setImage: (image: NativeImage | string) => {
      calls.push('setImage');
      images.push((image as unknown as { name: string }).name);
    },
    setToolTip: (text: string) => {
      calls.push('setToolTip');
      tooltip = text;
    },
    setContextMenu: (built: Menu | null) => {
      calls.push('setContextMenu');
      menu = (built as unknown as { template: MenuItemConstructorOptions[] }).template;
    },
    on: (event: string, listener: () => void) => {
      listeners.set(event, listener);
      return tray;
    },
    destroy: () => calls.push('destroy'),
  };
  return { tray, calls, images, listeners, get tooltip() { return tooltip; }, get menu() { return menu; } };
}

function service(language: { translator: Translator } = { translator: english }) {
  const fake = fakeTray();
  const created: string[] = [];
  const events: string[] = [];
  const tray = new TrayService({
    createTray: (image) => {
      created.push((image as unknown as { name: string }).name);
      return fake.tray as never;
    },
    image: (name: TrayImageName) => ({ name }) as unknown as NativeImage,
    buildMenu: (template) => ({ template }) as unknown as Menu,
    open: () => events.push('open'),
    setDoNotDisturb: (on) => events.push(`dnd:${on}`),
    quit: () => events.push('quit'),
    translator: () => language.translator,
  });
  return { tray, fake, created, events };
}

const unread = (...counts: number[]) => badgeFor(counts.map((count, index) => conversationSummary({ id: `c${index}`, unread: count })), 0, english);

describe('the tray icon', () => {
  it('shows the images for 0, 5 and 12 unread messages', () => {
    const { tray, fake, created } = service();
    tray.update({ badge: unread(0), doNotDisturb: false, locked: false });
    tray.update({ badge: unread(2, 3), doNotDisturb: false, locked: false });
    tray.update({ badge: unread(4, 8), doNotDisturb: false, locked: false });
    expect(created).toEqual(['tray-0']);
    expect(fake.images).toEqual(['tray-5', 'tray-9plus']);
    expect(fake.tooltip).toBe('TigerDesk: 12 unread messages');
  });

  it('draws no badge at 0, the digit at 5 and "9+" at 12, as real PNGs', () => {
    const none = readPng(trayIconPng('tray-0'));
    const five = readPng(trayIconPng('tray-5'));
    const many = readPng(trayIconPng('tray-9plus'));
    for (const image of [none, five, many]) expect([image.width, image.height]).toEqual([32, 32]);
    expect(countColor(none, unreadRed)).toBe(0);
    expect(countColor(five, unreadRed)).toBeGreaterThan(100);
    expect(countColor(many, unreadRed)).toBeGreaterThan(100);
    // "9+" has more white strokes than "5" inside the badge's quarter of the icon.
    const whiteInBadge = (image: ReturnType<typeof readPng>) => {
      let count = 0;
      for (let y = 14; y < 32; y += 1) for (let x = 14; x < 32; x += 1) if (image.pixel(x, y).slice(0, 3).join() === white.join()) count += 1;
      return count;
    };
    expect(whiteInBadge(many)).toBeGreaterThan(whiteInBadge(five));
    expect(trayIconPng('tray-5').equals(trayIconPng('tray-6'))).toBe(false);
  });

  it('skips every Electron call when nothing it shows has changed', () => {
    const { tray, fake } = service();
    tray.update({ badge: unread(3), doNotDisturb: false, locked: false });
    const afterFirst = fake.calls.length;
    tray.update({ badge: unread(1, 2), doNotDisturb: false, locked: false });
    expect(fake.calls.length).toBe(afterFirst);
    tray.update({ badge: unread(1, 2), doNotDisturb: true, locked: false });
    expect(fake.calls.slice(afterFirst)).toEqual(['setContextMenu']);
  });

  it('offers Open, Do Not Disturb and Quit, and opens the window on a click', () => {
    const { tray, fake, events } = service();
    tray.update({ badge: unread(0), doNotDisturb: true, locked: false });
    const items = fake.menu.filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual(['Open TigerDesk', 'Do Not Disturb', 'Quit TigerDesk']);
    expect(items[1]).toMatchObject({ type: 'checkbox', checked: true });
    items[0]?.click?.({} as never, undefined, {} as never);
    items[1]?.click?.({ checked: false } as never, undefined, {} as never);
    items[2]?.click?.({} as never, undefined, {} as never);
    fake.listeners.get('click')?.();
    expect(events).toEqual(['open', 'dnd:false', 'quit', 'open']);
  });

  it('offers only Unlock and Quit while the window is locked, and its menu again once unlocked', () => {
    const { tray, fake, events } = service();
    tray.update({ badge: unread(2), doNotDisturb: true, locked: true });
    const items = fake.menu.filter((item) => item.type !== 'separator');
    expect(items.map((item) => item.label)).toEqual(['Unlock TigerDesk', 'Quit TigerDesk']);
    items[0]?.click?.({} as never, undefined, {} as never);
    expect(events).toEqual(['open']);
    tray.update({ badge: unread(2), doNotDisturb: true, locked: false });
    expect(fake.menu.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual(['Open TigerDesk', 'Do Not Disturb', 'Quit TigerDesk']);
  });

  it('is created again after being destroyed', () => {
    const { tray, fake, created } = service();
    tray.update({ badge: unread(1), doNotDisturb: false, locked: false });
    tray.destroy();
    tray.update({ badge: unread(1), doNotDisturb: false, locked: false });
    expect(fake.calls).toContain('destroy');
    expect(created).toEqual(['tray-1', 'tray-1']);
  });
});

describe('the tray icon in another language', () => {
  const labels = (menu: MenuItemConstructorOptions[]) => menu.filter((item) => item.type !== 'separator').map((item) => item.label);
  const badge = (translator: Translator, ...counts: number[]) =>
    badgeFor(counts.map((count, index) => conversationSummary({ id: `c${index}`, unread: count, unreadPriority: index === 0 ? 0 : count })), 0, translator);

  it('has its menu and its tooltip in Spanish, the count in its plural', () => {
    const spanish = mainTranslator('es');
    const { tray, fake } = service({ translator: spanish });
    tray.update({ badge: badge(spanish, 1), doNotDisturb: false, locked: false });
    expect(labels(fake.menu)).toEqual(['Abrir TigerDesk', 'No molestar', 'Salir de TigerDesk']);
    expect(fake.tooltip).toBe('TigerDesk: 1 mensaje sin leer');
    tray.update({ badge: badge(spanish, 2, 3), doNotDisturb: false, locked: true });
    expect(labels(fake.menu)).toEqual(['Desbloquear TigerDesk', 'Salir de TigerDesk']);
    expect(fake.tooltip).toBe('TigerDesk: 5 mensajes sin leer, alguno de prioridad alta');
  });

  it('has its menu and its tooltip in French', () => {
    const french = mainTranslator('fr');
    const { tray, fake } = service({ translator: french });
    tray.update({ badge: badge(french, 0, 2), doNotDisturb: true, locked: false });
    expect(labels(fake.menu)).toEqual(['Ouvrir TigerDesk', 'Ne pas déranger', 'Quitter TigerDesk']);
    expect(fake.menu.find((item) => item.id === 'dnd')).toMatchObject({ type: 'checkbox', checked: true });
    expect(fake.tooltip).toBe('TigerDesk\u00a0: 2 messages non lus, dont au moins un de priorité haute');
    tray.update({ badge: badge(french, 1), doNotDisturb: true, locked: true });
    expect(labels(fake.menu)).toEqual(['Déverrouiller TigerDesk', 'Quitter TigerDesk']);
    expect(fake.tooltip).toBe('TigerDesk\u00a0: 1 message non lu');
  });

  it('builds its menu again, and only that, when the language changes and nothing else does', () => {
    const language = { translator: english };
    const { tray, fake } = service(language);
    tray.update({ badge: badge(english, 0), doNotDisturb: false, locked: false });
    const before = fake.calls.length;
    language.translator = mainTranslator('es');
    tray.update({ badge: badge(language.translator, 0), doNotDisturb: false, locked: false });
    expect(fake.calls.slice(before)).toEqual(['setContextMenu']);
    expect(labels(fake.menu)).toEqual(['Abrir TigerDesk', 'No molestar', 'Salir de TigerDesk']);
  });
});
