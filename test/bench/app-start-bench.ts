/**
 * The app's start measured whole (issue 16, item 3), over the built bundles (buildApp, with
 * main/app.cjs exporting the one composition) on the desktop stand-in, the app in a process of
 * its own and its window a page in Debian's Chromium:
 * - start: from the call of startApp to the frame that painted the roster's first row, with a
 *   copy of the hospital-year account found in the keychain and the user-data folder as after a
 *   restart; median of fresh app processes, each with a freshly launched Chromium, whose own
 *   launch is reported apart (Electron's is not the app's either). The painted roster must hold
 *   the profile's conversations and the badge its unread.
 * - wake: the same account connected to a sandbox, the machine put to sleep while someone
 *   writes; from the resume to the notification of that message (support/app-start-wake.ts).
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildApp } from '../../scripts/app-build';
import { launchDesktopChromium } from '../harness/chromium';
import { atMost, median } from './figure';
import type { Bench, Figure } from './figure';
import { startToRoster } from './support/app-start-roster';
import type { BuiltApp, RosterStart } from './support/app-start-roster';
import { wakeToNotification } from './support/app-start-wake';
import { hospitalYearProfile } from './support/hospital-year-profile';
import type { HospitalYearProfile } from './support/hospital-year-profile';

const round = (value: number) => Number(value.toFixed(0));

async function startFigures(built: BuiltApp, profile: HospitalYearProfile, runs: number, year: string): Promise<Figure[]> {
  const starts: RosterStart[] = [];
  const launches: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const launching = performance.now();
    const browser = await launchDesktopChromium();
    launches.push(performance.now() - launching);
    try {
      starts.push(await startToRoster(browser, built, profile));
    } finally {
      await browser.close();
    }
  }
  const over = `${year}, median of ${runs} fresh app process${runs === 1 ? '' : 'es'}`;
  return [
    atMost(`app start: startApp to the roster painted in the window (its first page), built bundles through the desktop stand-in, ${over}`, round(median(starts.map((start) => start.ms))), 'ms', 800),
    { name: 'app start: startApp to every conversation in the window\'s roster (later pages fetched behind the first)', value: round(median(starts.map((start) => start.filledMs))), unit: 'ms', target: 'reported', met: true },
    {
      name: "app start: of which Chromium creating the window's page (its context and renderer process)",
      value: round(median(starts.map((start) => start.pageCreatedMs))),
      unit: 'ms',
      target: 'reported',
      met: true,
    },
    { name: 'app start: loading the built main bundle before startApp (its modules and native ones)', value: round(median(starts.map((start) => start.loadMs))), unit: 'ms', target: 'reported', met: true },
    { name: "app start: Chromium's own launch, before the app (not counted above)", value: round(median(launches)), unit: 'ms', target: 'reported', met: true },
  ];
}

async function wakeFigures(built: BuiltApp, profile: HospitalYearProfile, sleeps: number, year: string): Promise<Figure[]> {
  const browser = await launchDesktopChromium();
  try {
    const times = await wakeToNotification(browser, built, profile, sleeps);
    return [
      atMost(
        `app wake: resume from sleep to the notification of a message sent during it, ${year} connected to a sandbox, median of ${sleeps} sleep${sleeps === 1 ? '' : 's'}`,
        round(median(times)),
        'ms',
        2_000,
      ),
      { name: 'app wake: the same, slowest', value: round(Math.max(...times)), unit: 'ms', target: 'reported', met: true },
    ];
  } finally {
    await browser.close();
  }
}

export const bench: Bench = {
  title: 'app start and wake (built bundles, desktop stand-in, hospital year)',
  async run({ quick }): Promise<Figure[]> {
    const profile = await hospitalYearProfile({ quick });
    const year = `${profile.expected.conversations.toLocaleString('en')} conversations and ${profile.expected.messages.toLocaleString('en')} messages`;
    // Inside the project: the bundles load node_modules from beside them.
    const distDir = resolve('.test-dist', `app-start-${process.pid}`);
    await buildApp(distDir, { quiet: true, startAppModule: true });
    const built: BuiltApp = { distDir, startAppModule: join(distDir, 'main', 'app.cjs') };
    try {
      return [...(await startFigures(built, profile, quick ? 1 : 3, year)), ...(await wakeFigures(built, profile, quick ? 1 : 5, year))];
    } finally {
      await rm(distDir, { recursive: true, force: true });
    }
  },
};
