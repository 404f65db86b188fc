import { afterEach, describe, expect, it } from 'vitest';
import { createUrgentAlertLoop } from '../../main/core/alerts/urgent-alert-loop';
import type { UrgentAlertLoop, UrgentAlertUpdate } from '../../main/core/alerts/urgent-alert-loop';
import { defaultUrgentAlertSettings, planAlerts } from '../../main/core/alerts/urgent-schedule';
import type { PendingUrgent } from '../../main/core/store/urgent-alerts';
import { ALICE, BOB, ME, messageEvent, rowCount, streamEvent } from '../sync/fixture';
import { useHarness } from '../sync/sync-harness';

const minute = 60_000;

function pending(fields: Partial<PendingUrgent> & { messageId: number }): PendingUrgent {
  return { conversationId: ALICE, senderToken: ALICE, createdAt: 0, alertsSent: 0, lastAlertAt: null, ...fields };
}

describe('the urgent alert schedule', () => {
  const settings = { everyMs: 2 * minute, repeats: 3 };

  it('alerts a message at once when it has never alerted, and plans its next alert', () => {
    const plan = planAlerts([pending({ messageId: 1 })], settings, 1_000);
    expect(plan.alertNow.map((message) => message.messageId)).toEqual([1]);
    expect(plan.nextAt).toBe(1_000 + 2 * minute);
  });

  it('alerts again once the interval has passed since the last alert, not before', () => {
    const alerted = pending({ messageId: 1, alertsSent: 1, lastAlertAt: 10 * minute });
    expect(planAlerts([alerted], settings, 12 * minute - 1)).toEqual({ alertNow: [], nextAt: 12 * minute });
    expect(planAlerts([alerted], settings, 12 * minute).alertNow).toHaveLength(1);
  });

  it('stops after the first alert and its repeats, and then plans nothing', () => {
    const last = pending({ messageId: 1, alertsSent: 3, lastAlertAt: 0 });
    const plan = planAlerts([last], settings, 2 * minute);
    expect(plan.alertNow).toHaveLength(1);
    expect(plan.nextAt).toBeNull();
    expect(planAlerts([{ ...last, alertsSent: 4 }], settings, 100 * minute)).toEqual({ alertNow: [], nextAt: null });
  });

  it('plans the earliest of several, and a clock set back does not put an alert off by as much', () => {
    const plan = planAlerts([pending({ messageId: 1, alertsSent: 1, lastAlertAt: 5 * minute }), pending({ messageId: 2, alertsSent: 1, lastAlertAt: 4 * minute })], settings, 5 * minute);
    expect(plan.nextAt).toBe(6 * minute);
    // The last alert seems to lie an hour ahead: the next is one interval from now.
    expect(planAlerts([pending({ messageId: 1, alertsSent: 1, lastAlertAt: 60 * minute })], settings, 0).nextAt).toBe(2 * minute);
  });

  it('defaults to every 2 minutes, 10 times after the first', () => {
    expect(defaultUrgentAlertSettings).toEqual({ everyMs: 2 * minute, repeats: 10 });
  });
});

describe('the urgent alert loop over the store', () => {
  const h = useHarness();
  let loops: UrgentAlertLoop[] = [];
  let updates: UrgentAlertUpdate[] = [];

  afterEach(() => {
    for (const loop of loops) loop.stop();
    loops = [];
    updates = [];
  });

  function startLoop(repeats = 10): UrgentAlertLoop {
    const loop = createUrgentAlertLoop({
      store: h.local.store,
      clock: h.local.clock,
      settings: { everyMs: 2 * minute, repeats },
      log: h.local.log,
      update: (update) => updates.push(update),
    });
    h.sync.onChange(() => loop.refresh());
    loops.push(loop);
    loop.refresh();
    return loop;
  }

  const alertedIds = () => updates.flatMap((update) => update.alerting.map((message) => message.messageId));
  const urgent = (token: string, extra: Parameters<typeof messageEvent>[0] extends infer F ? Partial<F> : never = {}) =>
    messageEvent({ token, from: ALICE, to: ME, createdAt: h.local.clock.now(), priority: 1, body: `urgent ${token}`, ...extra });

  it('alerts an incoming urgent message at once and every 2 minutes while it is unread; a normal or outgoing one never', async () => {
    startLoop();
    await h.sync.handle([
      messageEvent({ token: 'normal', from: ALICE, to: ME, createdAt: h.local.clock.now(), priority: 0 }),
      messageEvent({ token: 'mine', from: ME, to: ALICE, createdAt: h.local.clock.now(), priority: 1 }),
      urgent('u1'),
    ]);
    expect(updates).toHaveLength(1);
    const [first] = updates;
    expect(first?.pending).toHaveLength(1);
    expect(first?.alerting.map((message) => message.conversationId)).toEqual([ALICE]);
    h.local.clock.advance(2 * minute - 1);
    expect(updates).toHaveLength(1);
    h.local.clock.advance(1);
    expect(updates).toHaveLength(2);
    h.local.clock.advance(4 * minute);
    expect(alertedIds()).toHaveLength(4);
  });

  it('stops, and says so, once the message is read on another device', async () => {
    startLoop();
    await h.sync.handle([urgent('u1')]);
    const id = updates[0]!.pending[0]!.messageId;
    await h.sync.handle([streamEvent('message:status', { client_id: 'u1', account_id: ME, status: 'Read', timestamp: new Date(h.local.clock.now()).toISOString() })]);
    expect(updates.at(-1)).toEqual({ pending: [], alerting: [] });
    h.local.clock.advance(30 * minute);
    expect(alertedIds()).toEqual([id]);
    expect(h.local.clock.pending).toBe(0);
    expect(rowCount(h.local.store, 'urgent_alerts')).toBe(0);
  });

  it('stops once the message is recalled, or once it expires', async () => {
    startLoop();
    await h.sync.handle([urgent('recalled'), urgent('expiring', { ttl: 5 })]);
    expect(updates[0]?.pending).toHaveLength(2);
    await h.sync.handle([streamEvent('message:status', { client_id: 'recalled', is_recalled: true })]);
    expect(updates.at(-1)?.pending).toHaveLength(1);
    h.local.clock.advance(5 * minute);
    expect(updates.at(-1)?.pending).toEqual([]);
  });

  it('goes on after a restart where it stopped: the count and the last alert are kept in the store', async () => {
    const before = startLoop(2);
    await h.sync.handle([urgent('u1')]);
    h.local.clock.advance(2 * minute);
    expect(alertedIds()).toHaveLength(2);
    before.stop();
    updates = [];

    h.local.clock.advance(minute);
    startLoop(2);
    // Shown again at start (the banner), but not sounded before its time.
    expect(updates).toEqual([{ pending: [expect.objectContaining({ alertsSent: 2 })], alerting: [] }]);
    h.local.clock.advance(minute);
    expect(alertedIds()).toHaveLength(1);
    h.local.clock.advance(60 * minute);
    expect(alertedIds()).toHaveLength(1);
  });

  it('tells pending alerts again when asked to (a change renamed someone), and stays quiet otherwise', async () => {
    const loop = startLoop();
    await h.sync.handle([urgent('u1')]);
    loop.refresh();
    expect(updates).toHaveLength(1);
    loop.refresh(true);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toEqual({ pending: updates[0]!.pending.map((message) => ({ ...message, alertsSent: 1, lastAlertAt: h.local.clock.now() })), alerting: [] });
  });

  it('names each alert as the window does: sender, conversation and a preview', async () => {
    startLoop();
    await h.sync.handle([messageEvent({ token: 'g1', from: BOB, to: 'group-ward-7', group: 'group-ward-7', createdAt: h.local.clock.now(), priority: 1, body: 'Code blue, bed 4' })]);
    const alerts = h.sync.urgentAlerts(updates[0]!.pending.map((message) => message.messageId));
    expect(alerts).toEqual([
      expect.objectContaining({ conversationId: 'group-ward-7', conversationKind: 'group', senderName: BOB, preview: 'Code blue, bed 4', sentAt: h.local.clock.now() }),
    ]);
  });
});
