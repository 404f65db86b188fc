/**
 * Cold start (issue 8): a fresh process opens the database of an account holding 100,000
 * messages (20,000 with --quick) and has the roster ready: session restored from the vault, runtime opened on
 * the existing encrypted database, roster read. The database is written once, through the
 * real sync; each run is a new process, so nothing of the previous one is cached but what
 * the OS keeps of the file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atMost, median } from './figure';
import type { Bench, Figure } from './figure';
import { newPerson } from './support/bench-accounts';
import type { ColdStart, ColdStartInput } from './support/cold-start-run';
import type { Populated, PopulateInput } from './support/cold-start-populate';
import { runForked } from './support/forked-task';
import { startSandboxProcess } from './support/sandbox-process';
import { conversationCount, unreadCount } from './support/ward-history';
import type { WardHistory } from './support/ward-history';

async function populate(dataRoot: string, history: WardHistory): Promise<Populated> {
  const sandbox = await startSandboxProcess();
  try {
    const me = await newPerson(sandbox.url, 'Cold Start');
    const input: PopulateInput = { apiUrl: sandbox.apiUrl, key: me.key, secret: me.secret, dataRoot, history };
    return await runForked<PopulateInput, Populated>(new URL('./support/cold-start-populate.ts', import.meta.url), input, 300_000);
  } finally {
    await sandbox.close();
  }
}

export const bench: Bench = {
  title: 'core cold start: stored account to roster',
  async run({ quick }): Promise<Figure[]> {
    // Quick: a smaller history, because writing 100,000 messages through sync alone takes ~18 s.
    const history: WardHistory = { people: 250, groups: 50, messages: quick ? 20_000 : 100_000 };
    const runs = quick ? 5 : 11;
    const dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-cold-start-'));
    try {
      const populated = await populate(dataRoot, history);
      if (populated.stored !== history.messages) throw new Error(`the database holds ${populated.stored} messages, not ${history.messages}`);
      const starts: ColdStart[] = [];
      for (let run = 0; run < runs; run += 1) {
        const input: ColdStartInput = { dataRoot, secrets: populated.secrets };
        const start = await runForked<ColdStartInput, ColdStart>(new URL('./support/cold-start-run.ts', import.meta.url), input, 60_000);
        if (start.conversations !== conversationCount(history) || start.unread !== unreadCount(history)) {
          throw new Error(`the roster shows ${start.conversations} conversations and ${start.unread} unread, not ${conversationCount(history)} and ${unreadCount(history)}`);
        }
        starts.push(start);
      }
      const over = `${history.messages.toLocaleString('en')} messages in ${conversationCount(history)} conversations, median of ${runs} fresh processes`;
      return [
        atMost(`cold start: open the database and have the roster ready, ${over}`, Number(median(starts.map((s) => s.ms)).toFixed(1)), 'ms', 300),
        {
          name: `cold start: process start to roster ready, modules loaded by tsx (not a packaged build), ${over}`,
          value: Number(median(starts.map((s) => s.sinceProcessStartMs)).toFixed(1)),
          unit: 'ms',
          target: 'reported',
          met: true,
        },
      ];
    } finally {
      await rm(dataRoot, { recursive: true, force: true });
    }
  },
};
