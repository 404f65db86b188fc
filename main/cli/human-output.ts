/**
 * The human-readable lines of the CLI. Pure. Text from the server (names, bodies) is
 * cleaned of control characters first, so that a message cannot move the cursor, change
 * colours or retitle the terminal it is printed in.
 */
import { englishText } from '../../i18n/english';
import type { ConversationSummary, DirectoryResult, MessageView } from '../../preload/contract';
import type { User } from '../core/api';
import type { OutboxJobView } from '../core/outbox';
import type { AccountSummary } from '../core/session';
import type { SecretStoreKind } from '../core/vault';

/** C0 and C1 controls but tab and newline, DEL, and the bidi overrides that reorder text. */
function unsafe(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a)
    || (code >= 0x7f && code <= 0x9f)
    || (code >= 0x202a && code <= 0x202e)
    || (code >= 0x2066 && code <= 0x2069);
}

export function printable(text: string): string {
  let out = '';
  for (const char of text) out += unsafe(char.codePointAt(0)!) ? '\ufffd' : char;
  return out;
}

const storeNames: Record<SecretStoreKind, string> = {
  keychain: 'the OS keychain',
  'safe-storage': 'an encrypted file',
  'session-only': 'memory only (forgotten when this command exits)',
};

export function accountLines(account: AccountSummary, secretStore: SecretStoreKind): string[] {
  return [
    `${printable(account.displayName)} (${account.userToken})`,
    `organization: ${printable(account.organization.name)} (${account.organization.token})`,
    `server: ${account.server}`,
    `credentials: ${storeNames[secretStore]}`,
  ];
}

/** The own profile as the server holds it. */
export function profileLines(user: User): string[] {
  const dnd = user.dnd === true ? `on${user.dnd_text ? `: ${printable(user.dnd_text)}` : ''}` : 'off';
  return [
    `${printable(user.display_name ?? user.token)} (${user.token})`,
    `status: ${user.status ? printable(user.status) : '(none)'}`,
    `do not disturb: ${dnd}`,
  ];
}

export function conversationLine(conversation: ConversationSummary): string {
  const unread = conversation.unread === 0
    ? ''
    : `  ${conversation.unread} unread${conversation.unreadPriority > 0 ? ` (${conversation.unreadPriority} high priority)` : ''}`;
  const last = conversation.lastMessage;
  const preview = last === null ? '' : `  ${last.outgoing ? 'you: ' : ''}${oneLine(last.preview, 60)}`;
  return `${printable(conversation.name)}  [${conversation.kind} ${conversation.id}]${unread}${preview}`;
}

/** A directory search result: name, then title, department and organization (a group: its size), DND, kind and token. */
export function directoryLine(result: DirectoryResult): string {
  const details = result.kind === 'person'
    ? [result.title, result.department, result.organizationName]
    : [result.members === null ? 'group' : `group of ${result.members}`, result.organizationName];
  const dnd = result.kind === 'person' && result.dnd ? [`do not disturb${result.dndText === null ? '' : `: ${result.dndText}`}`] : [];
  const described = [...details, ...dnd].filter((part): part is string => part !== null && part !== '').map(printable);
  const kind = result.kind === 'person' ? 'user' : 'group';
  return `${printable(result.name)}${described.length > 0 ? `  ${described.join(', ')}` : ''}  [${kind} ${result.token}${result.held ? ', held here' : ''}]`;
}

/** A message as lines: its head (when, who, marks), its body indented, and what it carries. */
export function messageLines(message: MessageView): string[] {
  const sender = message.outgoing ? 'you' : message.senderName;
  const marks = [
    message.priority !== 'normal' ? `${message.priority} priority` : '',
    message.deleteOnRead ? 'delete on read' : '',
    message.expiresAt !== null ? `expires ${timeOf(message.expiresAt)}` : '',
    message.outgoing ? message.status : '',
    message.failureReason !== null ? `failed: ${printable(englishText(message.failureReason))}` : '',
  ].filter((mark) => mark !== '');
  const head = `${timeOf(message.createdAt)}  ${printable(sender)}${marks.length > 0 ? `  (${marks.join(', ')})` : ''}`;
  const body = message.recalled ? '[message recalled]' : printable(message.body);
  const lines = [head, ...body.split('\n').map((line) => `    ${line}`)];
  if (message.forwardedFrom !== null) lines.splice(1, 0, `    [forwarded from ${printable(message.forwardedFrom.senderName)}]`);
  if (message.attachment !== null) {
    lines.push(`    [attachment: ${printable(message.attachment.name)}, ${message.attachment.contentType}, ${sizeOf(message.attachment.size)}]`);
  }
  return lines;
}

/** What a job does, ending in the word that leads to its conversation. */
const jobKinds: Record<string, string> = {
  send: 'message to',
  recall: 'recall in',
  forward: 'forward to',
  'add-members': 'add members to',
  'remove-members': 'remove members from',
};

/** One job of `outbox`: what it is, where it goes, how far it got; `body` is its message's text. */
export function outboxJobLine(job: OutboxJobView, body: string | null): string {
  const state = job.state === 'failed'
    ? `failed: ${printable(job.lastError === null ? 'refused' : englishText(job.lastError))}`
    : job.state === 'running'
      // Another command may be sending it, or one was cut off mid-send (checked at the next connect).
      ? 'sending, or cut off mid-send'
      : job.attempts === 0
        ? 'queued'
        : `queued, ${job.attempts} attempt${job.attempts === 1 ? '' : 's'} so far, next try after ${timeOf(job.nextAttemptAt)}`;
  const preview = body === null ? '' : `  ${oneLine(body, 40)}`;
  return `${job.id}  ${jobKinds[job.kind] ?? `${job.kind} for`} ${printable(job.conversationId)}  (${state})${preview}`;
}

function oneLine(text: string, max: number): string {
  const flat = printable(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function timeOf(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
