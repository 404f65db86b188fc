/**
 * One incoming message at a time into the hospital year, in a process of its own: each is
 * handed to sync as the stream hands an event, stored and committed, its change set made and
 * published, and the badge and tray brought up to date (hospital-year-indicators.ts). Timed
 * from the commit (the transaction's return: the disk's flush is waiting, not work) to the
 * tray updated, and whole, for messages to one-to-one conversations and to groups (the long
 * thread among them), a few of them urgent.
 */
import { parseEventObject } from '../../../main/core/events/event-parser';
import type { SyncEvent } from '../../../main/core/events/event-stream';
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { groupToken, organizationToken, personToken } from './hospital-year-events';
import { appIndicators } from './hospital-year-indicators';
import type { Counting } from './hospital-year-indicators';
import { openYear } from './hospital-year-open';
import { groupOrganization, personOrganization, planHospitalYear } from './hospital-year-plan';
import type { HospitalYearParameters } from './hospital-year-plan';
import { seededRandom } from './hospital-year-random';
import { clinicalBody } from './hospital-year-text';

export interface YearIncomingInput {
  dataRoot: string;
  secrets: SecretEntries;
  parameters: HospitalYearParameters;
  /** Unread before the first message: each incoming one adds one. */
  unread: number;
  runs: { counting: Counting; messages: number }[];
}

export interface YearIncoming {
  /** Per run, each message's time from its transaction's commit to the tray updated. */
  afterCommitMs: number[][];
  /** Per run, each message's time from handing it to sync to the tray updated. */
  wholeMs: number[][];
}

answerParent<YearIncomingInput, YearIncoming>(async (input) => {
  const plan = planHospitalYear(input.parameters);
  const { runtime, log } = await openYear(input.dataRoot, input.secrets);
  try {
    const account = { me: runtime.account.userToken, homeOrganization: runtime.account.organization.token };
    const r = seededRandom(input.parameters.seed + 4);
    let sent = 0;
    const nextEvent = (): SyncEvent => {
      sent += 1;
      const toGroup = sent % 2 === 0;
      const group = sent % 10 === 0 ? 0 : r.below(plan.groupMembers.length);
      const person = r.below(plan.people);
      const members = plan.groupMembers[group]!;
      const organization = organizationToken(account, toGroup ? groupOrganization(plan, group) : personOrganization(plan, person));
      const payload = {
        message_id: `hy-incoming-${sent}`,
        sender_token: toGroup ? personToken(members[r.below(members.length)]!) : personToken(person),
        recipient_token: toGroup ? groupToken(group) : account.me,
        ...(toGroup ? { group_token: groupToken(group) } : {}),
        sender_organization: organization,
        recipient_organization: organization,
        body: clinicalBody(r),
        created_time: new Date().toISOString(),
        ttl: -1,
        dor: false,
        priority: sent % 25 === 0 ? 1 : 0,
        attachments: [],
        data: [],
        is_recalled: false,
      };
      const parsed = parseEventObject({ event_id: `hy-incoming-${sent}`, event: { [`tigertext:iq:${toGroup ? 'group_message' : 'message'}`]: payload } });
      if (!parsed.ok) throw new Error(`an incoming message does not parse: ${parsed.reason}`);
      return parsed as SyncEvent;
    };

    // The first transaction to end after a message is handed over is the one that stores it.
    let committed = 0;
    const { store } = runtime;
    const transaction = store.transaction.bind(store);
    store.transaction = (work) => {
      const result = transaction(work);
      committed ||= performance.now();
      return result;
    };
    const afterCommitMs: number[][] = [];
    const wholeMs: number[][] = [];
    let unread = input.unread;
    for (const run of input.runs) {
      const indicators = appIndicators(runtime, run.counting);
      let shown = -1;
      let updated = 0;
      const stop = runtime.changes.subscribe((change) => {
        shown = indicators.changed(change).unread;
        updated = performance.now();
      });
      const afterCommit: number[] = [];
      const whole: number[] = [];
      try {
        for (let n = 0; n < run.messages; n += 1) {
          const event = nextEvent();
          committed = 0;
          const began = performance.now();
          await runtime.sync.handle([event]);
          afterCommit.push(updated - committed);
          whole.push(updated - began);
          unread += 1;
          if (shown !== unread) throw new Error(`the badge shows ${shown} unread after message ${sent}, not ${unread}`);
        }
      } finally {
        stop();
      }
      afterCommitMs.push(afterCommit);
      wholeMs.push(whole);
    }
    log.assertNoErrors('the incoming messages');
    return { afterCommitMs, wholeMs };
  } finally {
    await runtime.close();
  }
});
