/**
 * The other people of the shift: colleagues in the sandbox who write to the nurse through its
 * API, paced over the shift, and whose own event streams show, afterwards, how many copies of
 * each of the nurse's messages reached them.
 */
import { performance } from 'node:perf_hooks';
import { createPerson } from '../../e2e/support/sandbox-people';
import type { Person } from '../../e2e/support/sandbox-people';
import type { ShiftPlan } from './shift-session-plan';
import { colleagueName, incomingBody, incomingMessages } from './shift-session-plan';
import type { SandboxProcess } from './sandbox-process';
import { readReplayOf } from './replay-reader';

export interface Ward {
  nurse: Person;
  colleagues: Person[];
}

export async function staffWard(sandbox: SandboxProcess, plan: ShiftPlan): Promise<Ward> {
  const nurse = await createPerson(sandbox.apiUrl, 'Charge Nurse');
  const colleagues: Person[] = [];
  for (let index = 0; index < plan.conversations; index += 1) colleagues.push(await createPerson(sandbox.apiUrl, colleagueName(index)));
  return { nurse, colleagues };
}

export function sendAs(sandbox: SandboxProcess, from: Person, to: Person, body: string, attachment?: { name: string; bytes: Uint8Array }): Promise<unknown> {
  return from.api.sendMessage({
    recipient: to.token,
    body,
    senderOrganization: sandbox.organizationKey,
    ...(attachment === undefined ? {} : { attachment: { name: attachment.name, contentType: 'image/png', bytes: attachment.bytes } }),
  });
}

/** Messages in flight at once: enough to keep the pace when one reply is slow, few enough not to burst. */
const inFlight = 8;

/**
 * Sends the shift's incoming text messages, each at its time from `start` (performance.now()),
 * and resolves once every one has been accepted by the server. Falls behind rather than
 * bursting: a message is never sent before its time.
 */
export async function writeIncoming(sandbox: SandboxProcess, ward: Ward, plan: ShiftPlan, start: number): Promise<void> {
  const queue = incomingMessages(plan);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const message = queue[next];
      if (message === undefined) return;
      next += 1;
      const wait = start + message.at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await sendAs(sandbox, ward.colleagues[message.from]!, ward.nurse, incomingBody(message.index));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

/** The nurse's messages a colleague's stream replays, by body: how many copies of each (one per client id sent). */
export async function copiesReceived(colleague: Person, senderToken: string): Promise<Map<string, number>> {
  const { text } = await readReplayOf(colleague.api.eventStreamRequest());
  const copies = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const event = JSON.parse(line.slice(5)) as { event: Record<string, { sender_token?: string; body?: string }> };
    const message = event.event['tigertext:iq:message'];
    if (message?.sender_token !== senderToken || message.body === undefined) continue;
    copies.set(message.body, (copies.get(message.body) ?? 0) + 1);
  }
  return copies;
}
