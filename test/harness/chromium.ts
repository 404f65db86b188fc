// Debian's Chromium, launched the one way the tests and benchmarks use it: never a
// downloaded browser, nothing that reaches the network on its own.
//
// Its headless shell (Debian's package chromium-headless-shell), not the whole browser: Chromium's
// content layer with no browser window around it, as Electron is. Headless Chromium itself is
// the whole browser: each new window also built its tab strip and toolbar, loaded its address
// bar's suggestion popup (a page of its own) and the search engines' data, on the same 2 cores
// as the app; its page took 220-300 ms to make where the shell's takes 70-100.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const chromiumPath = '/usr/lib/chromium/chromium-headless-shell';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * For the desktop stand-in's windows: Electron lets an app's file:// page load its module
 * scripts and styles from beside it, which stock Chromium refuses (origin null) unless told.
 */
export function launchDesktopChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--allow-file-access-from-files'] });
}
