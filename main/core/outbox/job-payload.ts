/**
 * What each kind of job stores in outbox_jobs.payload_json, and its schema: a stored job is
 * validated when read back, so a damaged row fails that one job with a reason instead of
 * sending something else. A send's text and file are not here: they stay in the message row
 * and the encrypted attachment cache, so an edit changes one place.
 */
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import * as v from 'valibot';

const token = v.pipe(v.string(), v.nonEmpty());

export const payloadSchemas = {
  /**
   * `organization`: the one the conversation is held in, sent as the sender's and (unless
   * `recipientOrganization` says otherwise) the recipient's. Jobs queued before several
   * organizations have none: they go in the account's home organization, as they would have.
   */
  send: v.object({ recipient: token, organization: v.optional(token), recipientOrganization: v.optional(token), ttl: v.optional(v.number()) }),
  /** `recalled`: the server copies an earlier attempt already recalled. */
  recall: v.object({ messageId: v.number(), recalled: v.optional(v.array(token)) }),
  /**
   * `requestId`: sent as `Request-ID` on every attempt, so that the server forwards once however
   * often it is asked. Jobs queued before idempotent sends have none: one in doubt is not sent again.
   */
  forward: v.object({
    messageId: v.number(), recipient: token, organization: v.optional(token), recipientOrganization: v.optional(token), requestId: v.optional(token),
  }),
  'add-members': v.object({ group: token, members: v.pipe(v.array(token), v.nonEmpty()) }),
  'remove-members': v.object({ group: token, members: v.pipe(v.array(token), v.nonEmpty()) }),
  /**
   * `endsAt` (ms), not a duration: a mute queued offline is sent for the time still left when
   * it goes, so it ends when the user was told it would.
   */
  mute: v.object({ conversationKind: v.picklist(['user', 'group']), token, organization: v.optional(token), endsAt: v.number() }),
  unmute: v.object({ conversationKind: v.picklist(['user', 'group']), token, organization: v.optional(token) }),
} as const;

export type JobKind = keyof typeof payloadSchemas;
export type JobPayload<K extends JobKind> = v.InferOutput<(typeof payloadSchemas)[K]>;

/** Every job as one tagged value, so the runner can switch on `kind`. */
export type JobOperation = { [K in JobKind]: { kind: K; payload: JobPayload<K> } }[JobKind];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(payloadSchemas, kind);
}

/** The jobs that change a group's members; their lane is the group's token. */
export const memberChangeKinds = ['add-members', 'remove-members'] as const;

/** The jobs that mute or unmute a conversation; their lane is the conversation's id. */
export const muteChangeKinds = ['mute', 'unmute'] as const;

export function isMemberChange(kind: string): kind is (typeof memberChangeKinds)[number] {
  return (memberChangeKinds as readonly string[]).includes(kind);
}

/** The stored operation, validated; a reason when the row cannot be trusted. */
export function readOperation(kind: string, payloadJson: string): { ok: true; operation: JobOperation } | { ok: false; reason: UserText } {
  if (!isJobKind(kind)) return { ok: false, reason: userText('failure.unknown-job-kind', { kind: kind.slice(0, 40) }) };
  let json: unknown;
  try {
    json = JSON.parse(payloadJson);
  } catch {
    return { ok: false, reason: userText('failure.job-not-json', { kind }) };
  }
  const parsed = v.safeParse(payloadSchemas[kind], json);
  if (!parsed.success) {
    const path = parsed.issues[0]?.path?.map((item) => String(item.key)).join('.') ?? '';
    return { ok: false, reason: path ? userText('failure.job-damaged-at', { kind, path }) : userText('failure.job-damaged', { kind }) };
  }
  return { ok: true, operation: { kind, payload: parsed.output } as JobOperation };
}
