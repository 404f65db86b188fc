/** Puts messages into the sandbox the way a client does: `POST /v2/message` through the API client, several at once. */
import { createApiClient } from '../../../main/core/api';

const phrases = [
  'Bed 14 needs a repeat potassium before noon',
  'Can you review the chest film for room 3?',
  'Family is asking for an update after rounds',
  'Pharmacy confirmed the heparin drip rate',
  'Patient in 22 is ready for discharge paperwork',
  'Rapid response cleared, vitals stable now',
];

/** A message body of ordinary length, different for every n. */
export function benchBody(n: number): string {
  return `${phrases[n % phrases.length]!} (ref ${n}, shift note ${(n * 7919) % 10_000})`;
}

export async function sendMessages(options: {
  apiUrl: string;
  organizationKey: string;
  sender: { key: string; secret: string };
  recipient: string;
  count: number;
  concurrency: number;
}): Promise<void> {
  const api = createApiClient({ baseUrl: options.apiUrl, credentials: options.sender, organizationKey: options.organizationKey });
  let next = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.count) {
        const n = next;
        next += 1;
        await api.sendMessage({ recipient: options.recipient, body: benchBody(n), senderOrganization: options.organizationKey });
      }
    }),
  );
}
