/**
 * Plays the shift: the colleagues' messages arrive at their pace while the nurse works through
 * the window's steps at theirs, and memory is sampled at the end of each minute. A step never
 * starts before its time; a slow machine makes the shift longer, which is reported.
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { encodePng } from '../../../main/core/notify/png-encoding';
import type { MemoryProbe, MemorySample } from './shift-session-memory';
import type { ShiftPlan } from './shift-session-plan';
import { colleagueName, windowSteps } from './shift-session-plan';
import type { WindowStep } from './shift-session-plan';
import type { SandboxProcess } from './sandbox-process';
import { lockAndUnlock, openAttachment, sendFromComposer, switchTo } from './shift-session-window';
import type { Ward } from './shift-session-ward';
import { sendAs, writeIncoming } from './shift-session-ward';

export interface PlayedShift {
  samples: MemorySample[];
  /** From the first step to the last sample (longer than planned when the machine lags). */
  elapsedMs: number;
}

/** A small chart picture, different for each index, so that each file is its own. */
function chartPicture(index: number): Uint8Array {
  const width = 48;
  const height = 32;
  const pixels = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel += 1) pixels.set([(index * 41) % 256, (pixel * 7) % 256, 160, 255], pixel * 4);
  return encodePng({ width, height, pixels });
}

export async function playShift(page: Page, memory: MemoryProbe, sandbox: SandboxProcess, ward: Ward, plan: ShiftPlan): Promise<PlayedShift> {
  let open = colleagueName(0);
  await switchTo(page, open);
  const samples: MemorySample[] = [];
  const start = performance.now();
  const incoming = writeIncoming(sandbox, ward, plan, start);
  // Awaited after the steps; until then a failure is held here instead of going unhandled.
  incoming.catch(() => undefined);
  for (const step of windowSteps(plan)) {
    const wait = start + step.at - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      open = await takeStep(step, open);
    } catch (error) {
      throw new Error(`the shift's step ${JSON.stringify(step)} failed ${Math.round(performance.now() - start) / 1000} s into the shift, the window showing: ${await shownText(page)}`, { cause: error });
    }
  }
  const elapsedMs = performance.now() - start;
  await incoming;
  return { samples, elapsedMs };

  /** Does the step; returns the conversation open after it. */
  async function takeStep(step: WindowStep, open: string): Promise<string> {
    switch (step.kind) {
      case 'switch':
        await switchTo(page, colleagueName(step.conversation));
        return colleagueName(step.conversation);
      case 'send':
        await sendFromComposer(page, step.body);
        return open;
      case 'open-attachment': {
        const colleague = ward.colleagues[step.conversation]!;
        await sendAs(sandbox, colleague, ward.nurse, `Incoming attachment ${step.file}`, { name: step.file, bytes: chartPicture(step.index) });
        await switchTo(page, colleagueName(step.conversation));
        await openAttachment(page, step.file);
        return colleagueName(step.conversation);
      }
      case 'lock':
        await lockAndUnlock(page, ward.nurse, open, plan.lockedMs);
        return open;
      case 'sample':
        // Always from the same conversation, so that minutes compare what the app keeps and not
        // which thread happened to be open (its rows, pictures and files).
        await switchTo(page, colleagueName(0));
        samples.push(await memory.sample(step.minute));
        return colleagueName(0);
    }
  }
}

/** Where a failed step left the window: the open thread, the dialog and the lock screen, as a person would see them. */
async function shownText(page: Page): Promise<string> {
  const textOf = (selector: string) =>
    page
      .locator(selector)
      .first()
      .innerText({ timeout: 2_000 })
      .then((text) => text.replace(/\s+/g, ' ').slice(0, 300))
      .catch(() => '(none)');
  const thread = await page.locator('main').first().getAttribute('aria-label', { timeout: 2_000 }).catch(() => '(none)');
  return JSON.stringify({ thread, dialog: await textOf('[role="dialog"]'), lock: await textOf('h1:visible, h2:visible') });
}
