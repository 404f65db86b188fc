/** The two people of the fault scenarios, each a real client signed in to a real sandbox. */
import { onTestFinished } from 'vitest';
import type { RunningSandbox } from '../../sandbox/index';
import { signedInClient } from '../faults/support/fault-client';
import type { FaultClient, RuntimeTuning } from '../faults/support/fault-client';

export interface NurseAndDoctor {
  /** Nurse Ames */
  a: FaultClient;
  /** Doctor Baker */
  b: FaultClient;
}

/**
 * Makes Nurse Ames and Doctor Baker on `sandbox` and signs each in through `apiUrl` (the
 * sandbox's own, or a proxy in front of it) for the running test: both close when it finishes.
 */
export async function nurseAndDoctor(sandbox: Pick<RunningSandbox, 'url' | 'apiUrl'>, options: { apiUrl?: string; tuning?: RuntimeTuning } = {}): Promise<NurseAndDoctor> {
  const apiUrl = options.apiUrl ?? sandbox.apiUrl;
  const a = await signedInClient(sandbox.url, apiUrl, 'Nurse Ames', options.tuning);
  onTestFinished(() => a.close());
  const b = await signedInClient(sandbox.url, apiUrl, 'Doctor Baker', options.tuning);
  onTestFinished(() => b.close());
  return { a, b };
}
