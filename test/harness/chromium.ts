// Debian's Chromium, launched the one way the tests and benchmarks use it: never a
// downloaded browser, nothing that reaches the network on its own.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** /usr/bin/chromium, with the --disable-features lists it is given merged into one. */
const chromiumPath = fileURLToPath(new URL('./chromium-merged-features.sh', import.meta.url));

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Chromium's headless mode is the whole browser: each new window also loads its address bar's
  // suggestion popup, a WebUI page of its own (chrome://omnibox-popup.top-chrome: 400 requests
  // and 0.7-1.2 s of a renderer's CPU in a trace of the app's start, beside the app's own
  // renderer on this machine's 2 cores). Electron has no address bar; neither has the stand-in.
  // Merged with Playwright's own list by the launcher script (Chromium reads only one).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
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
