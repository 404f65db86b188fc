// Scenario 5: the keychain locked, then gone, while a client runs and at its start-up. A
// running client keeps sending and receiving (its keys are in memory); a start-up says why it
// cannot open the account and keeps its data; once the keychain is back, nothing is missing.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runInOwnKeyring } from '../support/own-keyring-scenario';

it('keeps a running client working while its keychain is locked or gone, refuses a start-up with the cause named, and loses nothing', async () => {
  const report = (await runInOwnKeyring(join(import.meta.dirname, 'support', 'keychain-scenario.ts'), 90_000)) as Record<string, { state: { kind: string; cause?: string }; error: { reason: string; message: string } | null }> & Record<string, unknown>;

  expect(report['lockedRestart']!.state).toMatchObject({ kind: 'keychain-unavailable', cause: 'locked' });
  expect(report['lockedRestart']!.error).toMatchObject({ reason: 'keychain-unavailable' });
  expect(report['lockedRestart']!.error!.message).toMatch(/keychain is locked; unlock it and try again/);
  expect(report['lockedKeptFolder']).toBe(true);
  expect(report['goneRestart']!.state).toMatchObject({ kind: 'keychain-unavailable', cause: 'unavailable' });
  expect(report['goneRestart']!.error!.message).toMatch(/no Secret Service provider|no D-Bus session bus answers/);

  const stages = ['before', 'while locked', 'while gone'];
  expect(report['aReceived']).toEqual([...stages.map((stage) => `to A ${stage}`), 'to A after']);
  expect(report['serverToA']).toEqual([...stages.map((stage) => `to A ${stage}`), 'to A after']);
  expect(report['serverToB']).toEqual(stages.map((stage) => `to B ${stage}`));
  expect(report['bReceived']).toEqual(stages.map((stage) => `to B ${stage}`));
  expect(report['aSent']).toEqual(stages.map((stage) => [`to B ${stage}`, 'delivered']));
}, 120_000);
