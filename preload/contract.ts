// THE IPC contract between the renderer and main: every call the renderer may make and every
// event it receives, with their runtime schemas. The preload builds `window.tiger` from it,
// main validates every call against it before anything runs, and the core produces the view
// shapes defined here. Types are derived from the schemas, never re-declared.
import * as v from 'valibot';

// ---- views: what the renderer is shown ----

/** queued -> sending -> sent -> delivered -> read; failed from queued/sending; retry -> queued. */
export const messageStatusSchema = v.picklist(['queued', 'sending', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = v.InferOutput<typeof messageStatusSchema>;

export const prioritySchema = v.picklist(['low', 'normal', 'high']);
export type Priority = v.InferOutput<typeof prioritySchema>;

export const attachmentViewSchema = v.object({
  name: v.string(),
  contentType: v.string(),
  size: v.number(),
});
export type AttachmentView = v.InferOutput<typeof attachmentViewSchema>;

export const messageViewSchema = v.object({
  /** Local id, stable from the moment a message is queued or received. */
  id: v.string(),
  conversationId: v.string(),
  /** The server's token, once the server has it. */
  token: v.nullable(v.string()),
  senderToken: v.string(),
  outgoing: v.boolean(),
  /** Empty once recalled or erased. Always text: never rendered as HTML. */
  body: v.string(),
  /** Milliseconds since the epoch. */
  createdAt: v.number(),
  status: messageStatusSchema,
  failureReason: v.nullable(v.string()),
  priority: prioritySchema,
  expiresAt: v.nullable(v.number()),
  deleteOnRead: v.boolean(),
  recalled: v.boolean(),
  forwardedFrom: v.nullable(v.object({ senderToken: v.string(), sentAt: v.nullable(v.number()) })),
  attachment: v.nullable(attachmentViewSchema),
  /** Incoming: read by this user. Outgoing: always true. */
  readByMe: v.boolean(),
});
export type MessageView = v.InferOutput<typeof messageViewSchema>;

export const conversationKindSchema = v.picklist(['user', 'group']);

export const conversationSummarySchema = v.object({
  /** The peer's user token, or the group's token. */
  id: v.string(),
  kind: conversationKindSchema,
  name: v.string(),
  avatar: v.nullable(v.string()),
  lastMessage: v.nullable(
    v.object({
      messageId: v.string(),
      senderToken: v.string(),
      outgoing: v.boolean(),
      preview: v.string(),
      priority: prioritySchema,
      status: messageStatusSchema,
    }),
  ),
  lastActivity: v.number(),
  unread: v.number(),
  unreadPriority: v.number(),
});
export type ConversationSummary = v.InferOutput<typeof conversationSummarySchema>;

/** What changed in the local picture, coalesced: the renderer applies it as one update. */
export const changeSetSchema = v.object({
  conversations: v.array(conversationSummarySchema),
  removedConversations: v.array(v.string()),
  messages: v.array(messageViewSchema),
  removedMessages: v.array(v.object({ id: v.string(), conversationId: v.string() })),
});
export type ChangeSet = v.InferOutput<typeof changeSetSchema>;

export const connectionStateSchema = v.variant('kind', [
  v.object({ kind: v.literal('connecting') }),
  v.object({ kind: v.literal('replaying'), received: v.number(), total: v.number() }),
  v.object({ kind: v.literal('live') }),
  v.object({ kind: v.literal('offline'), nextRetryAt: v.number(), reason: v.string() }),
  v.object({ kind: v.literal('auth-failed') }),
  v.object({ kind: v.literal('stopped') }),
]);
export type ConnectionState = v.InferOutput<typeof connectionStateSchema>;

// ---- calls ----

export const contract = {
  calls: {
    appInfo: {
      input: v.undefined(),
      output: v.object({ name: v.string(), version: v.string(), platform: v.string() }),
    },
  },
} as const;

type Calls = typeof contract.calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = v.InferOutput<Calls[N]['input']>;
export type CallOutput<N extends CallName> = v.InferOutput<Calls[N]['output']>;

/** What main answers on every call channel: a value, or a typed refusal. */
export type CallReply<N extends CallName> =
  | { ok: true; value: CallOutput<N> }
  | { ok: false; error: { code: 'invalid-call' | 'failed'; message: string } };

/** `window.tiger` as the renderer sees it. */
export type TigerApi = {
  [N in CallName]: (...input: CallInput<N> extends undefined ? [] : [CallInput<N>]) => Promise<CallOutput<N>>;
};

export const callChannel = (name: CallName): string => `tiger:call:${name}`;
export const callNames = Object.keys(contract.calls) as CallName[];
