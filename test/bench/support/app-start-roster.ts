/**
 * One start of the built app, measured whole: a fresh installation holding the hospital-year
 * account, the app in a process of its own (launchAppProcess) started from the built
 * main/app.cjs, its window a page in the Chromium given (already running: the browser's own
 * launch is not the app's). From the call of startApp to the frame that painted the roster's
 * first row, both on this machine's clock; the painted roster checked against the profile.
 */
import type { Browser } from 'playwright-core';
import { launchAppProcess } from '../../desktop/app-process/parent';
import type { AppProcess } from '../../desktop/app-process/parent';
import { firstRosterPage } from '../../../renderer/src/state/roster-pages';
import { rosterFilled, rosterPaint, watchingRosterPaint } from './app-start-paint';
import { newInstallation } from './app-start-install';
import { timingPageCreation } from './app-start-page-creation';
import { copyHospitalYear } from './hospital-year-profile';
import type { HospitalYearProfile } from './hospital-year-profile';

/** The built app (buildApp with startAppModule). */
export interface BuiltApp {
  distDir: string;
  startAppModule: string;
}

export interface RosterStart {
  /** startApp called to the roster's first page painted. */
  ms: number;
  /** startApp called to every conversation in the window's roster (the later pages come behind the first). */
  filledMs: number;
  /** Loading main/app.cjs (and the modules it requires) before startApp was called. */
  loadMs: number;
  /** Chromium creating the window's page (its context and renderer process), within `ms`. */
  pageCreatedMs: number;
}

const settleMs = 60_000;

export async function startToRoster(browser: Browser, built: BuiltApp, profile: HospitalYearProfile): Promise<RosterStart> {
  const installation = await newInstallation();
  let app: AppProcess | undefined;
  try {
    await copyHospitalYear(profile, installation.dataRoot);
    await installation.keepSecrets(profile.secrets);
    const pages = timingPageCreation(browser);
    app = await launchAppProcess(watchingRosterPaint(pages.browser), { ...built, root: installation.root, keychainService: installation.keychainService });
    const started = await app.started;
    if (started.kind !== 'started') throw new Error(`the app did not start: ${JSON.stringify(started)}`);
    const painted = await rosterPaint(await app.page(), settleMs);
    const timing = await app.startTiming;
    const { conversations, unread } = profile.expected;
    // The first page, and the pinned conversations with it: at least a screen, at most all.
    if (painted.conversations < Math.min(firstRosterPage, conversations) || painted.conversations > conversations) {
      throw new Error(`the first painted roster holds ${painted.conversations} conversations, not a first page of ${Math.min(firstRosterPage, conversations)} of ${conversations}`);
    }
    const filledAt = await rosterFilled(await app.page(), conversations, settleMs);
    await badgeShows(app, unread);
    const errors = app.log.filter((record) => record.level === 'error');
    if (errors.length > 0) throw new Error(`the app logged errors while starting: ${[...new Set(errors.map((record) => record.message))].join('; ')}`);
    const [pageCreatedMs] = pages.created;
    if (pageCreatedMs === undefined) throw new Error('the window page was painted, but its creation was not timed');
    return { ms: painted.at - timing.calledAt, filledMs: filledAt - timing.calledAt, loadMs: timing.loadMs, pageCreatedMs };
  } finally {
    await app?.dispose();
    await installation.remove();
  }
}

/** The badge is the roster's unread count (main/core/notify/badge.ts): it must come to the profile's. */
async function badgeShows(app: AppProcess, unread: number): Promise<void> {
  const until = Date.now() + settleMs;
  let shown: number | undefined;
  while (Date.now() < until) {
    shown = (await app.state()).badgeCounts.at(-1);
    if (shown === unread) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the badge shows ${String(shown)} unread, not ${unread}`);
}
