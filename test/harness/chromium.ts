// Debian's Chromium, launched the one way the tests and benchmarks use it: never a
// downloaded browser, nothing that reaches the network on its own.
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

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
