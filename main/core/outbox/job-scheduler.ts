/**
 * Runs the stored jobs. Jobs of one lane (a conversation) go strictly one after the other,
 * lanes in parallel up to a bound. Each attempt is marked running before its request and its
 * outcome recorded after, and the outcomes that arrive together are recorded in one commit
 * with the next jobs of the freed lanes (a group commit: one disk sync for many messages).
 * Retries wait out a backoff or the server's Retry-After; jobs past the give-up window fail;
 * nothing starts while offline or paused for sign-in.
 *
 * When the server cannot tell us whether it accepted a send (a crash or stop() mid-request,
 * a reply that never came), two things keep it from being stored twice, each enough alone.
 * The server's: every attempt carries the client id as `Request-ID`, and a server that
 * deduplicates answers a repeat 304 with the first message's token (recorded as sent). Ours,
 * for a server that does not: the server's echo of the message on our own event stream
 * carries the client id. So such a send is "in doubt": it waits until the stream has
 * reconnected and sync has stored the replay (`streamCaughtUp`), or at least `inDoubtHoldMs`.
 * If the echo came, sync has given the row its token and the job ends without a request; if
 * not, the same message goes again with the same client id. Only when a server without
 * deduplication accepted it and the echo has still not arrived after the hold can the server
 * hold two copies; the sender's screen still shows one (the store matches our client id),
 * and a recall reaches both (job-runner.ts).
 * A forward has no echo to look for, only its `Request-ID`: one in doubt goes again with it.
 * A forward queued before request ids has neither, so in doubt it fails and the user decides.
 */
import { englishText } from '../../../i18n/english';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import { readStoredText } from '../store/stored-text';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log/logger';
import { expiryOf } from '../store/messages';
import type { Store } from '../store/store';
import { verdictFor } from './failure-verdict';
import type { RetryPolicy } from './failure-verdict';
import { giveUpReason, isPastWindow } from './give-up-window';
import { isMemberChange, readOperation } from './job-payload';
import type { JobOperation } from './job-payload';
import { PartlyDone, runJob } from './job-runner';
import type { RunResult, RunnerDeps } from './job-runner';
import { planStarts } from './lane-schedule';
import type { StartPlan } from './lane-schedule';
import type { OutboxJob, OutboxJobs } from './outbox-jobs';

export interface SchedulerOptions {
  store: Store;
  jobs: OutboxJobs;
  runner: RunnerDeps;
  clock: Clock;
  log: Logger;
  policy: RetryPolicy;
  concurrency: number;
  giveUpAfterMs: number;
  inDoubtHoldMs: number;
  /** Reports the messages whose state changed, and the groups whose member changes were sent or failed (see ChangeEmitter). */
  emit: (messageIds: readonly (number | null)[], groups: readonly string[]) => void;
  onAuthRequired?: () => void;
}

export interface JobScheduler {
  start(): void;
  stop(): Promise<void>;
  whenIdle(): Promise<void>;
  /** Looks for work soon (after the caller's current step). */
  kick(): void;
  networkLost(): void;
  networkBack(): void;
  streamCaughtUp(): void;
  pauseForAuth(): void;
  /** Paused until the user signs in again (a 401). */
  readonly authPaused: boolean;
  isInFlight(jobId: number): boolean;
  /** A waiting job due now (a manual retry): no longer in doubt, but a server's Retry-After still holds. */
  hurry(job: OutboxJob, now: number): boolean;
  /** Drops what the scheduler remembers of a job that was removed or failed by hand. */
  forget(jobId: number): void;
}

interface Flight {
  lane: string;
  controller: AbortController;
  /** Resolves once the outcome is recorded. */
  done: Promise<void>;
}

interface Starting {
  starting: { job: OutboxJob; operation: JobOperation }[];
  touched: (number | null)[];
}

interface Settlement {
  job: OutboxJob;
  /** `progress`: the payload of a job that got part-way, to store with the failure. */
  outcome: { ok: true; result: RunResult } | { ok: false; error: unknown; progress?: unknown };
  resolve: () => void;
}

// setTimeout cannot wait longer than 2^31 - 1 ms; a longer wait is taken in steps.
const longestTimerMs = 2 ** 31 - 1;

export function createJobScheduler(options: SchedulerOptions): JobScheduler {
  const { store, jobs, clock, log, policy, concurrency, giveUpAfterMs, inDoubtHoldMs, emit } = options;

  let started = false;
  let online = true;
  let authPaused = false;
  const flights = new Map<number, Flight>();
  // Retry-After from the server: a network change does not cut these waits short.
  const serverHolds = new Map<number, number>();
  // Sends the server may already hold (cut off mid-request, or no reply in time): held until the stream has caught up.
  const inDoubt = new Set<number>();
  let timer: { handle: TimerHandle; at: number } | null = null;
  let pumpQueued = false;
  let idleWaiters: (() => void)[] = [];
  const settlements: Settlement[] = [];
  let flushQueued = false;
  // Groups whose member changes were sent or failed since the last report: a member change has
  // no message to report it by, and the window lists it beside the group's members.
  const movedGroups = new Set<string>();

  function report(messageIds: readonly (number | null)[]): void {
    const groups = [...movedGroups];
    movedGroups.clear();
    emit(messageIds, groups);
  }

  function noteMoved(job: OutboxJob): void {
    if (isMemberChange(job.kind)) movedGroups.add(job.conversationId);
  }

  function schedulePump(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    queueMicrotask(() => {
      pumpQueued = false;
      pump();
    });
  }

  function pump(): void {
    if (!started) return;
    const now = clock.now();
    try {
      expireOverdue(now);
    } catch (error) {
      log.error('outbox could not fail its overdue jobs', { error: (error as Error).name });
    }
    const oldest = jobs.oldestPendingStart();
    let wakeAt = oldest === null ? null : oldest + giveUpAfterMs;
    if (online && !authPaused) {
      const plan = planNow(now);
      if (plan.start.length > 0) {
        let next: Starting | null = null;
        try {
          next = store.transaction(() => markStarting(plan.start.map((head) => head.id)));
        } catch (error) {
          // A full disk, say: nothing was marked, nothing starts; look again a little later.
          log.error('outbox could not start its next jobs', { error: (error as Error).name });
          wakeAt = wakeAt === null ? now + policy.baseMs : Math.min(wakeAt, now + policy.baseMs);
        }
        if (next !== null) {
          report(next.touched);
          launch(next.starting);
        }
      }
      if (plan.wakeAt !== null) wakeAt = wakeAt === null ? plan.wakeAt : Math.min(wakeAt, plan.wakeAt);
    }
    arm(wakeAt, now);
    if (flights.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function planNow(now: number): StartPlan {
    const heads = jobs.laneHeads().map((job) => ({ id: job.id, lane: job.conversationId, nextAttemptAt: job.nextAttemptAt }));
    const busy = new Set([...flights.values()].map((flight) => flight.lane));
    return planStarts(heads, busy, concurrency - flights.size, now);
  }

  function arm(at: number | null, now: number): void {
    if (timer !== null && timer.at === at) return;
    if (timer !== null) clock.clearTimeout(timer.handle);
    timer = null;
    if (at === null) return;
    const handle = clock.setTimeout(() => {
      timer = null;
      pump();
    }, Math.min(longestTimerMs, Math.max(0, at - now)));
    timer = { handle, at };
  }

  function expireOverdue(now: number): void {
    const overdue = jobs.openedBefore(now - giveUpAfterMs).filter((job) => !flights.has(job.id));
    if (overdue.length === 0) return;
    store.transaction(() => {
      for (const job of overdue) failInTransaction(job, giveUpReason(giveUpAfterMs, readStoredText(job.lastError)));
    });
    report(overdue.map((job) => job.messageId));
  }

  function failInTransaction(job: OutboxJob, reason: UserText): void {
    serverHolds.delete(job.id);
    inDoubt.delete(job.id);
    if (job.kind === 'send' && job.messageId !== null && store.messages.byId(job.messageId)?.token) {
      // The server's echo arrived meanwhile: the message was sent after all, there is nothing to fail.
      jobs.remove(job.id);
      return;
    }
    jobs.fail(job.id, reason);
    noteMoved(job);
    if (job.kind === 'send' && job.messageId !== null) store.messages.setStatus(job.messageId, 'failed', reason);
    log.warn('outbox job failed', { jobId: job.id, kind: job.kind, reason: englishText(reason) });
  }

  /** Marks the jobs running (inside the caller's transaction); returns what to launch and the messages changed. */
  function markStarting(jobIds: readonly number[]): Starting {
    const next: Starting = { starting: [], touched: [] };
    for (const id of jobIds) {
      const job = jobs.byId(id);
      if (job === undefined) continue;
      const read = readOperation(job.kind, job.payloadJson);
      if (!read.ok) {
        failInTransaction(job, read.reason);
        next.touched.push(job.messageId);
        continue;
      }
      if (!jobs.markRunning(job.id)) continue;
      if (job.kind === 'send' && job.messageId !== null) {
        store.messages.setStatus(job.messageId, 'sending');
        next.touched.push(job.messageId);
      }
      next.starting.push({ job, operation: read.operation });
    }
    return next;
  }

  function launch(starting: Starting['starting']): void {
    for (const { job, operation } of starting) {
      const controller = new AbortController();
      const done = attempt(job, operation, controller.signal);
      flights.set(job.id, { lane: job.conversationId, controller, done });
    }
  }

  async function attempt(job: OutboxJob, operation: JobOperation, signal: AbortSignal): Promise<void> {
    let outcome: Settlement['outcome'];
    try {
      outcome = { ok: true, result: await runJob(options.runner, job.messageId, operation, signal) };
    } catch (error) {
      outcome = error instanceof PartlyDone ? { ok: false, error: error.failure, progress: error.payload } : { ok: false, error };
    }
    await new Promise<void>((resolve) => {
      settlements.push({ job, outcome, resolve });
      scheduleFlush();
    });
  }

  // Outcomes that arrive while a commit is syncing to disk are recorded together in the next
  // one: under load, one disk sync settles several attempts (a group commit).
  function scheduleFlush(): void {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(flush);
  }

  function flush(): void {
    flushQueued = false;
    const batch = settlements.splice(0);
    if (batch.length === 0) return;
    for (const settlement of batch) flights.delete(settlement.job.id);
    const after: (() => void)[] = [];
    const touched: (number | null)[] = [];
    let next: Starting = { starting: [], touched: [] };
    try {
      // The outcomes and the next jobs of the freed lanes in one commit: one disk sync for both.
      store.transaction(() => {
        for (const settlement of batch) touched.push(...record(settlement, after));
        if (started && online && !authPaused) next = markStarting(planNow(clock.now()).start.map((head) => head.id));
      });
    } catch (error) {
      touched.length = 0;
      after.length = 0;
      next = { starting: [], touched: [] };
      log.error('outbox could not record a batch of attempts', { count: batch.length, error: (error as Error).name });
      for (const settlement of batch) recordAlone(settlement, after, touched);
    }
    for (const settlement of batch) settlement.resolve();
    report([...touched, ...next.touched]);
    for (const step of after) step();
    launch(next.starting);
    schedulePump();
  }

  /** One outcome on its own, so that one that cannot be written does not lose the others. */
  function recordAlone(settlement: Settlement, after: (() => void)[], touched: (number | null)[]): void {
    try {
      touched.push(...store.transaction(() => record(settlement, after)));
    } catch (error) {
      log.error('outbox could not record an attempt; keeping its outcome to record later', {
        jobId: settlement.job.id,
        kind: settlement.job.kind,
        error: (error as Error).name,
      });
      keepUnrecorded(settlement);
    }
  }

  /**
   * An outcome that cannot be written (a full disk) is kept and written later, and its job is
   * never attempted again meanwhile: the server may have it, and a second attempt could make a
   * second copy. Its lane stays busy so that later messages do not overtake it. If the process
   * ends first, the job is recovered as interrupted (in doubt) on the next start.
   */
  function keepUnrecorded(settlement: Settlement): void {
    const { job } = settlement;
    flights.set(job.id, { lane: job.conversationId, controller: new AbortController(), done: Promise.resolve() });
    clock.setTimeout(() => {
      if (!started) return;
      settlements.push(settlement);
      scheduleFlush();
    }, policy.baseMs);
  }

  /** Writes one outcome (inside the caller's transaction); returns the messages it changed. */
  function record(settlement: Settlement, after: (() => void)[]): (number | null)[] {
    const { job, outcome } = settlement;
    if (outcome.ok) {
      if (outcome.result.kind === 'sent' && job.messageId !== null) recordSent(job.messageId, outcome.result.token, outcome.result.ttl);
      jobs.remove(job.id);
      noteMoved(job);
      serverHolds.delete(job.id);
      inDoubt.delete(job.id);
      return job.kind === 'send' || job.kind === 'recall' ? [job.messageId, recallTarget(job)] : [];
    }
    if (outcome.progress !== undefined) jobs.setPayload(job.id, outcome.progress);
    const now = clock.now();
    const verdict = verdictFor(outcome.error, job.attempts + 1, policy);
    switch (verdict.kind) {
      case 'interrupted':
        // Left as running on purpose: the next start treats it as in doubt (the server may have it).
        return [];
      case 'retry': {
        if (verdict.inDoubt && job.kind === 'forward' && !hasRequestId(job)) {
          failInTransaction(job, userText('failure.forward-no-reply', { error: englishText(verdict.reason) }));
          return [];
        }
        // A send in doubt waits for the server's echo (see recoverInterrupted) before it goes again.
        const doubtful = verdict.inDoubt && job.kind === 'send';
        const delayMs = doubtful ? Math.max(verdict.delayMs, inDoubtHoldMs) : verdict.delayMs;
        if (isPastWindow(job.createdAt, giveUpAfterMs, now + delayMs)) {
          failInTransaction(job, giveUpReason(giveUpAfterMs, verdict.reason));
          return [job.messageId];
        }
        if (verdict.serverHold) serverHolds.set(job.id, now + delayMs);
        else serverHolds.delete(job.id);
        if (doubtful) inDoubt.add(job.id);
        jobs.reschedule(job.id, now + delayMs, verdict.reason);
        log.info('outbox job will be retried', { jobId: job.id, kind: job.kind, delayMs, reason: englishText(verdict.reason) });
        return [];
      }
      case 'fail':
        failInTransaction(job, verdict.reason);
        return [job.messageId];
      case 'pause-auth':
        jobs.reschedule(job.id, now, verdict.reason);
        if (!authPaused) {
          authPaused = true;
          log.warn('outbox paused until the user signs in again', { jobId: job.id });
          if (options.onAuthRequired) after.push(options.onAuthRequired);
        }
        return [];
    }
  }

  /** A forward whose server deduplicates a repeat (its Request-ID): safe to send again when in doubt. */
  function hasRequestId(job: OutboxJob): boolean {
    const read = readOperation(job.kind, job.payloadJson);
    return read.ok && read.operation.kind === 'forward' && read.operation.payload.requestId !== undefined;
  }

  function recallTarget(job: OutboxJob): number | null {
    if (job.kind !== 'recall') return null;
    const read = readOperation(job.kind, job.payloadJson);
    return read.ok && read.operation.kind === 'recall' ? read.operation.payload.messageId : null;
  }

  function recordSent(messageId: number, token: string, ttl: number | undefined): void {
    // The echo may have given the row its token already (sync matched the client id): keep it.
    store.statements.prepare('UPDATE messages SET token = ? WHERE id = ? AND token IS NULL').run(token, messageId);
    if (ttl !== undefined) {
      const message = store.messages.byId(messageId);
      if (message !== undefined) {
        store.statements.prepare('UPDATE messages SET ttl_minutes = ?, expires_at = ? WHERE id = ?')
          .run(ttl, expiryOf(message.createdTime, ttl), messageId);
      }
    }
    store.messages.setStatus(messageId, 'sent');
  }

  /**
   * Jobs a stopped process left running. A send may have reached the server: it waits until
   * the stream has stored its replay (`streamCaughtUp`), which brings the server's echo if
   * there is one, so that it finishes without a second copy; after `inDoubtHoldMs` it is
   * sent anyway (same client id) in case the stream cannot connect.
   */
  function recoverInterrupted(): void {
    const now = clock.now();
    const interrupted = jobs.interrupted();
    if (interrupted.length === 0) return;
    store.transaction(() => {
      for (const job of interrupted) {
        if (job.kind === 'forward' && !hasRequestId(job)) {
          // A forward without a request id: a second one would show twice everywhere, so the user decides.
          failInTransaction(job, userText('failure.forward-interrupted'));
        } else if (job.kind === 'send') {
          jobs.reschedule(job.id, now + inDoubtHoldMs, readStoredText(job.lastError));
          inDoubt.add(job.id);
        } else {
          jobs.reschedule(job.id, now, readStoredText(job.lastError));
        }
      }
    });
    log.info('outbox resumed interrupted jobs', { count: interrupted.length, inDoubt: inDoubt.size });
  }

  function makeDue(job: OutboxJob, now: number): boolean {
    const hold = serverHolds.get(job.id);
    if (hold !== undefined && hold > now) return false;
    jobs.makeDue(job.id, now);
    return true;
  }

  function networkBack(): void {
    online = true;
    const now = clock.now();
    for (const job of jobs.waiting(now)) if (!inDoubt.has(job.id)) makeDue(job, now);
    schedulePump();
  }

  function hurry(job: OutboxJob, now: number): boolean {
    inDoubt.delete(job.id);
    return makeDue(job, now);
  }

  return {
    start() {
      if (started) return;
      recoverInterrupted();
      started = true;
      schedulePump();
    },

    async stop() {
      started = false;
      if (timer !== null) clock.clearTimeout(timer.handle);
      timer = null;
      const inFlight = [...flights.values()];
      for (const flight of inFlight) flight.controller.abort();
      await Promise.all(inFlight.map((flight) => flight.done));
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },

    whenIdle() {
      if (!started) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        schedulePump();
      });
    },

    kick: schedulePump,

    networkLost() {
      online = false;
    },

    networkBack,

    streamCaughtUp() {
      const now = clock.now();
      for (const id of inDoubt) {
        const job = jobs.byId(id);
        if (job !== undefined) makeDue(job, now);
      }
      inDoubt.clear();
      networkBack();
    },

    pauseForAuth() {
      authPaused = true;
    },

    get authPaused() {
      return authPaused;
    },

    isInFlight: (jobId) => flights.has(jobId),
    hurry,

    forget(jobId) {
      serverHolds.delete(jobId);
      inDoubt.delete(jobId);
    },
  };
}
