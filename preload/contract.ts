// THE IPC contract between the renderer and main: every call the renderer may make and every
// event it receives, with their runtime schemas. The preload builds `window.tiger` from their
// names (channels.ts, which this file checks against its calls and events),
// main validates every call against it before anything runs, and the core produces the view
// shapes defined here. Types are derived from the schemas (the names checked against them), never re-declared.
import * as v from 'valibot';
import en from '../i18n/catalogs/en.json';
import { languages } from '../i18n/languages';
import type { MessageKey, UserText } from '../i18n/user-text';
import type { CallName, EventName } from './channels';

export { callChannel, callNames, eventChannel, eventNames } from './channels';
export type { CallName, EventName } from './channels';

// ---- views: what the renderer is shown ----

/** queued -> sending -> sent -> delivered -> read; failed from queued/sending; retry -> queued. */
/**
 * What main says to the user, unworded: a key of the catalogs (i18n/catalogs) and its
 * parameters. The window words it in the user's language; main sends no sentence.
 */
export const userTextSchema: v.GenericSchema<UserText> = v.object({
  key: v.custom<MessageKey>((key) => typeof key === 'string' && Object.hasOwn(en, key), 'not a key of the catalogs'),
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});

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
  /** What the sender is called (the core's displayNameOf): their token while nobody here can name them. */
  senderName: v.string(),
  outgoing: v.boolean(),
  /** Empty once recalled or erased. Always text: never rendered as HTML. */
  body: v.string(),
  /** Milliseconds since the epoch. */
  createdAt: v.number(),
  status: messageStatusSchema,
  failureReason: v.nullable(userTextSchema),
  priority: prioritySchema,
  expiresAt: v.nullable(v.number()),
  deleteOnRead: v.boolean(),
  recalled: v.boolean(),
  /** The original sender, named as `senderName` is. */
  forwardedFrom: v.nullable(v.object({ senderToken: v.string(), senderName: v.string(), sentAt: v.nullable(v.number()) })),
  attachment: v.nullable(attachmentViewSchema),
  /** Incoming: read by this user. Outgoing: always true. */
  readByMe: v.boolean(),
});
export type MessageView = v.InferOutput<typeof messageViewSchema>;

/** A person, a group, or a distribution list (a message to it goes to each member 1:1). */
export const conversationKindSchema = v.picklist(['user', 'group', 'list']);

export const conversationSummarySchema = v.object({
  /**
   * The conversation's id, opaque: the peer's or group's token for a conversation in the
   * organization the account signed in with, another id in any other organization.
   */
  id: v.string(),
  kind: conversationKindSchema,
  /** Who it is with: the other person's token, or the group's or list's. */
  peerToken: v.string(),
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
  /** When the conversation's mute ends (ms since the epoch); null when it is not muted. */
  mutedUntil: v.nullable(v.number()),
  /** Pinned to the top of the roster (kept on this computer). */
  pinned: v.boolean(),
  /** Its urgent messages still alert while it is muted (kept on this computer; default on). */
  urgentWhenMuted: v.boolean(),
  /** The organization it is held in (the same two people have one conversation per organization); null: not known yet. */
  organizationKey: v.nullable(v.string()),
  /** A distribution list's size, once the server has told it; absent for people and groups. */
  memberCount: v.optional(v.number()),
});
export type ConversationSummary = v.InferOutput<typeof conversationSummarySchema>;

/**
 * An urgent (high-priority) message nobody has read yet: it alerts until read here or on
 * another device, recalled or expired. `preview` is for the notification when privacy allows;
 * the banner names the sender only.
 */
export const urgentAlertSchema = v.object({
  messageId: v.string(),
  conversationId: v.string(),
  conversationKind: conversationKindSchema,
  conversationName: v.string(),
  senderName: v.string(),
  preview: v.string(),
  sentAt: v.number(),
});
export type UrgentAlert = v.InferOutput<typeof urgentAlertSchema>;

/** What the window shows of a person, in a person view and in a directory result alike. */
const personFields = {
  token: v.string(),
  name: v.string(),
  title: v.nullable(v.string()),
  department: v.nullable(v.string()),
  avatar: v.nullable(v.string()),
  presence: v.picklist(['available', 'unavailable', 'unknown']),
  dnd: v.boolean(),
};

export const personViewSchema = v.object({
  ...personFields,
  /** The message they leave while in Do Not Disturb; absent when they are not or left none. */
  dndText: v.optional(v.string()),
});
export type PersonView = v.InferOutput<typeof personViewSchema>;

/** What the directory search finds: people, groups, or both. */
export const directoryKindSchema = v.picklist(['person', 'group']);
export type DirectoryKind = v.InferOutput<typeof directoryKindSchema>;

/**
 * A person or group the directory search found, in the organization it was found in (the same
 * person in two organizations is two results); `held`: already on this computer.
 */
export const directoryResultSchema = v.variant('kind', [
  v.object({
    kind: v.literal('person'),
    ...personFields,
    dndText: v.nullable(v.string()),
    organizationKey: v.nullable(v.string()),
    organizationName: v.nullable(v.string()),
    held: v.boolean(),
  }),
  v.object({
    kind: v.literal('group'),
    token: v.string(),
    name: v.string(),
    avatar: v.nullable(v.string()),
    members: v.nullable(v.number()),
    organizationKey: v.nullable(v.string()),
    organizationName: v.nullable(v.string()),
    held: v.boolean(),
  }),
]);
export type DirectoryResult = v.InferOutput<typeof directoryResultSchema>;

/** A page of directory results; `offline`: the server could not be reached, so only people held here were searched. */
export const directoryPageSchema = v.object({
  results: v.array(directoryResultSchema),
  /** Asks for the next page (null: there is none). */
  continuation: v.nullable(v.string()),
  offline: v.boolean(),
});
export type DirectoryPage = v.InferOutput<typeof directoryPageSchema>;

/**
 * What an organization's settings ask of this app (API.md, "Organizations"), read from the
 * server's strings; a setting the server does not send has its documented default.
 */
export const organizationPolicySchema = v.object({
  /** The lifetime of a new message, in minutes; null: never expires. */
  defaultTtlMinutes: v.nullable(v.number()),
  /** New messages are deleted once read. */
  deleteOnRead: v.boolean(),
  /** Urgent (high-priority) messages may be sent. */
  priorityAllowed: v.boolean(),
  forwardAllowed: v.boolean(),
  /** The user may not change the message defaults the organization sets. */
  settingsRestricted: v.boolean(),
  /** The organization's auto-lock time in minutes; null: it sets none. */
  autoLockMinutes: v.nullable(v.number()),
  /** The organization requires a PIN to unlock. */
  pinLock: v.boolean(),
});
export type OrganizationPolicy = v.InferOutput<typeof organizationPolicySchema>;

/** An organization the signed-in user belongs to. */
export const organizationViewSchema = v.object({
  token: v.string(),
  name: v.string(),
  policy: organizationPolicySchema,
});
export type OrganizationView = v.InferOutput<typeof organizationViewSchema>;

/** What changed in the local picture, coalesced: the renderer applies it as one update. */
export const changeSetSchema = v.object({
  conversations: v.array(conversationSummarySchema),
  removedConversations: v.array(v.string()),
  messages: v.array(messageViewSchema),
  removedMessages: v.array(v.object({ id: v.string(), conversationId: v.string() })),
  /** People whose name or card changed: the window renames the messages of theirs it holds. */
  people: v.array(personViewSchema),
  /** The user's organizations, whole, when they changed (joined, left, settings); absent otherwise. */
  organizations: v.optional(v.array(organizationViewSchema)),
});
export type ChangeSet = v.InferOutput<typeof changeSetSchema>;

export const connectionStateSchema = v.variant('kind', [
  v.object({ kind: v.literal('connecting') }),
  v.object({ kind: v.literal('replaying'), received: v.number(), total: v.number() }),
  v.object({ kind: v.literal('live') }),
  v.object({ kind: v.literal('offline'), nextRetryAt: v.number(), reason: userTextSchema }),
  v.object({ kind: v.literal('auth-failed') }),
  v.object({ kind: v.literal('stopped') }),
]);
export type ConnectionState = v.InferOutput<typeof connectionStateSchema>;

// ---- more views ----

export const accountViewSchema = v.object({
  id: v.string(),
  displayName: v.string(),
  server: v.string(),
  active: v.boolean(),
});
export type AccountView = v.InferOutput<typeof accountViewSchema>;

/**
 * The window's lock over the signed-in account. While `locked`, the window shows only the lock
 * screen: main refuses every call that reads the account's data ('locked') and pushes none.
 */
export const lockStateSchema = v.object({
  locked: v.boolean(),
  /** What unlocks: the PIN or the account's password; null: nothing yet, so the account cannot lock until a PIN is set. */
  method: v.nullable(v.picklist(['pin', 'password'])),
  hasPin: v.boolean(),
  hasPassword: v.boolean(),
  /** Wrong PIN tries left before only the password unlocks; null where that does not apply. */
  pinTriesLeft: v.nullable(v.number()),
  /** No try is taken before this time (ms since the epoch), after many wrong ones. */
  retryAt: v.nullable(v.number()),
});
export type LockState = v.InferOutput<typeof lockStateSchema>;

export const sessionStateSchema = v.variant('kind', [
  v.object({ kind: v.literal('signed-out') }),
  v.object({
    kind: v.literal('signed-in'),
    account: accountViewSchema,
    lock: lockStateSchema,
    /**
     * Set when the account's data could not be opened (another TigerDesk process has it open, a
     * database that cannot be read): nothing of the account works, and this says why, for the
     * user. Signing in to (or switching to) the account again tries anew.
     */
    unavailable: v.optional(userTextSchema),
  }),
  v.object({ kind: v.literal('credentials-rejected'), accountId: v.string() }),
  v.object({ kind: v.literal('keychain-unavailable'), reason: userTextSchema }),
]);
export type SessionState = v.InferOutput<typeof sessionStateSchema>;

/** How long a conversation is muted: 1 hour, 8 hours, until 08:00 tomorrow, or a year (the server's longest). */
export const muteDurations = ['hour', 'eight-hours', 'tomorrow-morning', 'year'] as const;
export type MuteDuration = (typeof muteDurations)[number];

export const notificationPrivacySchema = v.picklist(['off', 'count', 'sender', 'full']);

/** A daily window of local time, 'HH:MM' 24-hour; from after to spans midnight (22:00 to 07:00). */
const clockTime = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM'));
export const doNotDisturbTextMaxLength = 500;
export const doNotDisturbScheduleSchema = v.object({ enabled: v.boolean(), from: clockTime, to: clockTime });

/** Spell-check languages as Chromium names its dictionaries: `en-US`, `fr`, `pt-BR`; at most 5. */
export const spellCheckLanguagesSchema = v.pipe(
  v.array(v.pipe(v.string(), v.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'A spell-check language is a tag such as en-US or fr'))),
  v.maxLength(5, 'At most 5 spell-check languages'),
);

export const settingsSchema = v.object({
  notificationPrivacy: notificationPrivacySchema,
  /** The switch the user turns by hand. */
  doNotDisturb: v.boolean(),
  /** What colleagues see while Do Not Disturb is on (the server's `dnd_text`). */
  doNotDisturbText: v.string(),
  doNotDisturbSchedule: doNotDisturbScheduleSchema,
  /** Whether Do Not Disturb is on at this moment: the switch, or inside the schedule. */
  doNotDisturbNow: v.boolean(),
  theme: v.picklist(['system', 'light', 'dark']),
  startAtLogin: v.boolean(),
  /** The conversation list shows each conversation's last message text. */
  showMessagePreviews: v.boolean(),
  /** The window locks after this many minutes without input. */
  autoLockMinutes: v.number(),
  /** The longest the user may choose: hospital IT's, or 10. */
  autoLockMaxMinutes: v.number(),
  /** Sent in one click from the composer and from a message's notification; hospital IT may set them. */
  quickReplies: v.array(v.string()),
  /** The language the app speaks now (hospital IT's, the user's choice, or the OS's). */
  language: v.picklist(languages),
  /** What the user chose: 'system' follows the OS. */
  languageChoice: v.picklist(['system', ...languages]),
  /** The composer's spell-check languages the user chose; empty: the app's language. */
  spellCheckLanguages: v.array(v.string()),
  /** Hospital IT points the spell checker's dictionary downloads at its own server. */
  spellCheckDictionaryManaged: v.boolean(),
  /** Set by hospital IT in the managed settings file; the renderer shows them as locked. */
  managed: v.array(v.string()),
  /** Hidden when the managed settings say so. */
  sandboxOffered: v.boolean(),
  /** The server the managed settings preset; sign-in offers only this one. */
  server: v.nullable(v.string()),
  /**
   * Where the sign-in is kept: the OS keychain, or (when it does not answer) the app's own file
   * encrypted by the OS, or only until the app quits. Anything but the keychain is told to the user.
   */
  secretStorage: v.picklist(['keychain', 'safe-storage', 'session-only']),
});
export type Settings = v.InferOutput<typeof settingsSchema>;

export const outboxStateSchema = v.object({ queued: v.number(), failed: v.number(), paused: v.boolean() });
export type OutboxState = v.InferOutput<typeof outboxStateSchema>;

export const recipientStatusSchema = v.object({
  token: v.string(),
  name: v.string(),
  status: v.picklist(['sent', 'delivered', 'read']),
  at: v.number(),
});

export const avatarKindSchema = v.picklist(['person', 'group']);
export type AvatarKind = v.InferOutput<typeof avatarKindSchema>;

export const avatarImageSchema = v.object({ bytes: v.instance(Uint8Array), contentType: v.string() });
export type AvatarImage = v.InferOutput<typeof avatarImageSchema>;

export const pendingMemberChangeSchema = v.object({
  person: personViewSchema,
  change: v.picklist(['add', 'remove']),
  /** The outbox gave up on it: it stays listed until retried or cancelled. */
  failed: v.boolean(),
});
export type PendingMemberChange = v.InferOutput<typeof pendingMemberChangeSchema>;

// ---- call inputs: every string bounded, every number ranged ----

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/**
 * The server as typed: a URL or a host alone (`tigertext.example.org`, `host:8443`). Main reads
 * it (serverUrl in main/core/session) and refuses there what is not https; this only turns
 * away what cannot be an address at all.
 */
const serverUrl = v.pipe(
  v.string(),
  v.minLength(1, 'Enter the server address'),
  v.maxLength(500),
  v.regex(/^\S+$/, 'A server address has no spaces'),
  v.check((typed) => !/^[a-z][a-z\d+.-]*:\/\//i.test(typed) || /^https?:\/\//i.test(typed), 'The server must be an http(s) URL, or a host alone'),
);
const maxMessageLength = 10_000;

/**
 * Quick replies, wherever they come from (the window, the preferences file, the managed
 * settings): each 1 to 200 characters once trimmed, at most 10, no two alike (each is a button
 * named by its text).
 */
export const quickReplyLimits = { most: 10, longest: 200 } as const;
export const quickRepliesSchema = v.pipe(
  v.array(
    v.pipe(
      v.string('A quick reply is text'),
      v.trim(),
      v.minLength(1, 'A quick reply cannot be blank'),
      v.maxLength(quickReplyLimits.longest, `A quick reply is at most ${quickReplyLimits.longest} characters`),
    ),
    'The quick replies are a list of texts',
  ),
  v.maxLength(quickReplyLimits.most, `At most ${quickReplyLimits.most} quick replies`),
  v.check((replies) => new Set(replies).size === replies.length, 'Two quick replies are the same'),
);
const maxAttachmentBytes = 25 * 1024 * 1024;

const fileBytes = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  contentType: v.pipe(v.string(), v.maxLength(255), v.regex(/^[\w.+-]+\/[\w.+-]+$/, 'Not a content type')),
  bytes: v.pipe(v.instance(Uint8Array), v.check((b) => b.byteLength <= maxAttachmentBytes, 'The file is over 25 MB')),
});

const profileText = (label: string, longest: number) =>
  v.pipe(v.string(), v.trim(), v.maxLength(longest, `${label} is at most ${longest} characters`));

export const profileUpdateSchema = v.pipe(
  v.partial(v.object({
    displayName: v.pipe(profileText('A name', 100), v.minLength(1, 'A name cannot be blank')),
    firstName: profileText('A first name', 100),
    lastName: profileText('A last name', 100),
    status: profileText('A status', 500),
    /** A new picture, or null to remove it. */
    avatar: v.nullable(fileBytes),
  })),
  v.check((update) => Object.keys(update).length > 0, 'Nothing to change'),
);

export const profileViewSchema = v.object({
  token: v.string(),
  displayName: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  status: v.string(),
  avatar: v.nullable(v.string()),
  dnd: v.boolean(),
  dndText: v.string(),
});
export type ProfileView = v.InferOutput<typeof profileViewSchema>;

const attachmentChoice = v.variant('kind', [
  /** A file chosen in main's own dialog: the renderer only ever holds this id, never a path. */
  v.object({ kind: v.literal('picked'), pickId: id }),
  /** Bytes dropped or pasted into the window. */
  v.object({ kind: v.literal('bytes'), file: fileBytes }),
]);

const sendInput = v.pipe(
  v.object({
    conversationId: id,
    body: text(maxMessageLength),
    attachment: v.optional(attachmentChoice),
    ttlMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60 * 24 * 30))),
    deleteOnRead: v.optional(v.boolean()),
    priority: v.optional(prioritySchema),
  }),
  v.check((input) => input.body.trim() !== '' || input.attachment !== undefined, 'A message needs text or an attachment'),
);

const members = v.pipe(v.array(id), v.minLength(1), v.maxLength(500));
const metadataValues = v.pipe(
  // A record schema alone would take an empty array for an empty object.
  v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), 'Metadata is an object'),
  v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(64)), v.pipe(v.string(), v.maxLength(1000))),
  v.check((values) => Object.keys(values).length <= 8, 'Metadata holds at most 8 keys'),
);

const none = v.undefined();

/** Where a roster page ends: the last conversation's activity and id (main's keyset). */
export const rosterCursorSchema = v.strictObject({
  lastActivity: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
  id,
});
export type RosterCursor = v.InferOutput<typeof rosterCursorSchema>;
/** The most a roster page holds: a reply stays well under a megabyte. */
export const largestRosterPage = 1000;
const rosterPageRequestSchema = v.strictObject({
  after: v.optional(rosterCursorSchema),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(largestRosterPage)),
});
export type RosterPageRequest = v.InferOutput<typeof rosterPageRequestSchema>;
const rosterPageSchema = v.object({ conversations: v.array(conversationSummarySchema), next: v.nullable(rosterCursorSchema) });
export type RosterPage = v.InferOutput<typeof rosterPageSchema>;
const unlockSecret = v.pipe(v.string(), v.minLength(1), v.maxLength(1000));
const ok = v.object({ ok: v.literal(true) });

export const contract = {
  calls: {
    appInfo: { input: none, output: v.object({ name: v.string(), version: v.string(), platform: v.string() }) },

    // session
    sessionState: { input: none, output: sessionStateSchema },
    signInWithPassword: {
      input: v.object({ server: serverUrl, userId: v.pipe(v.string(), v.minLength(1), v.maxLength(320)), password: v.pipe(v.string(), v.minLength(1), v.maxLength(1000)) }),
      output: accountViewSchema,
    },
    signInWithKey: {
      input: v.object({ server: serverUrl, key: v.pipe(v.string(), v.minLength(1), v.maxLength(500)), secret: v.pipe(v.string(), v.minLength(1), v.maxLength(500)) }),
      output: accountViewSchema,
    },
    trySandbox: { input: none, output: accountViewSchema },
    signOut: { input: none, output: ok },
    accounts: { input: none, output: v.array(accountViewSchema) },
    switchAccount: { input: v.object({ accountId: id }), output: accountViewSchema },

    // reading
    connectionState: { input: none, output: connectionStateSchema },
    outboxState: { input: none, output: outboxStateSchema },
    /**
     * The roster a page at a time, in main's activity order (last activity newest first, then
     * id): the first page (no `after`) also holds every pinned conversation, wherever it falls.
     * `next` continues after this page; null: this was the last. Without a page: the whole
     * roster in one reply (tools and tests; the window pages).
     */
    roster: { input: v.optional(rosterPageRequestSchema), output: rosterPageSchema },
    /** The organizations the user belongs to, in the server's order (empty until first read). */
    organizations: { input: none, output: v.array(organizationViewSchema) },
    /**
     * The 1:1 conversation with a person in an organization (absent: the one the account
     * signed in with), put on the roster: where a new conversation starts.
     */
    startConversation: { input: v.object({ token: id, organizationKey: v.optional(id) }), output: conversationSummarySchema },
    /** The urgent messages still alerting, oldest first. */
    urgentAlerts: { input: none, output: v.array(urgentAlertSchema) },
    threadPage: {
      input: v.object({
        conversationId: id,
        before: v.optional(id),
        after: v.optional(id),
        limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
      }),
      output: v.object({ messages: v.array(messageViewSchema), hasMore: v.boolean() }),
    },
    searchMessages: {
      input: v.object({ query: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
      output: v.array(v.object({ message: messageViewSchema, conversationName: v.string() })),
    },
    /**
     * People and groups by name (the start of any word), email or phone, in one organization or
     * (absent) all of the user's: those held here first, then the server's a page at a time
     * (`continuation` from the previous page); only those held when the server cannot be reached.
     */
    searchDirectory: {
      input: v.object({
        query: v.pipe(v.string(), v.maxLength(200)),
        organizationKey: v.optional(id),
        kinds: v.optional(v.pipe(v.array(directoryKindSchema), v.minLength(1), v.maxLength(2))),
        continuation: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2000))),
      }),
      output: directoryPageSchema,
    },
    person: { input: v.object({ token: id }), output: personViewSchema },
    /** The signed-in user's own profile, as the server holds it (as last heard when it cannot be reached). */
    myProfile: { input: none, output: profileViewSchema },
    /** Changes the own profile on the server; colleagues see it through the server's `update` event. */
    updateProfile: { input: profileUpdateSchema, output: profileViewSchema },
    /** A person's or group's picture as bytes (the CSP allows no remote image); null when there is none. */
    avatar: {
      input: v.object({ kind: avatarKindSchema, token: id }),
      output: v.nullable(avatarImageSchema),
    },
    messageInfo: { input: v.object({ messageId: id }), output: v.object({ statuses: v.array(recipientStatusSchema) }) },

    // sending
    pickAttachment: {
      input: none,
      output: v.nullable(v.object({ pickId: id, name: v.string(), size: v.number(), contentType: v.string() })),
    },
    sendMessage: { input: sendInput, output: messageViewSchema },
    retryMessage: { input: v.object({ messageId: id }), output: ok },
    retryAll: { input: v.object({ conversationId: v.optional(id) }), output: ok },
    cancelMessage: { input: v.object({ messageId: id }), output: ok },
    editQueued: { input: v.object({ messageId: id, body: v.pipe(v.string(), v.minLength(1), v.maxLength(maxMessageLength)) }), output: messageViewSchema },
    recallMessage: { input: v.object({ messageId: id }), output: ok },
    forwardMessage: { input: v.object({ messageId: id, to: id }), output: ok },
    markRead: { input: v.object({ conversationId: id, upToMessageId: v.optional(id) }), output: ok },
    /** The conversation the window shows (null: none), so its messages raise no notification. */
    setOpenConversation: { input: v.object({ conversationId: v.nullable(id) }), output: ok },
    setTyping: { input: v.object({ conversationId: id, typing: v.boolean() }), output: ok },
    getDraft: { input: v.object({ conversationId: id }), output: v.object({ text: v.string() }) },
    setDraft: { input: v.object({ conversationId: id, text: text(maxMessageLength) }), output: ok },

    // groups and metadata
    createGroup: {
      input: v.object({
        name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)),
        members,
        replayHistory: v.optional(v.boolean()),
        avatar: v.optional(fileBytes),
        /** Where the group is made (absent: the organization the account signed in with). */
        organizationKey: v.optional(id),
      }),
      output: conversationSummarySchema,
    },
    groupInfo: {
      input: v.object({ groupId: id }),
      output: v.object({ id: v.string(), name: v.string(), avatar: v.nullable(v.string()), members: v.array(personViewSchema) }),
    },
    /** Membership changes queued in the outbox for this group and not yet accepted by the server. */
    pendingMemberChanges: { input: v.object({ groupId: id }), output: v.array(pendingMemberChangeSchema) },
    renameGroup: { input: v.object({ groupId: id, name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100)) }), output: ok },
    setGroupAvatar: { input: v.object({ groupId: id, avatar: fileBytes }), output: ok },
    addGroupMembers: { input: v.object({ groupId: id, members }), output: ok },
    removeGroupMembers: { input: v.object({ groupId: id, members }), output: ok },
    leaveGroup: { input: v.object({ groupId: id }), output: ok },
    deleteGroup: { input: v.object({ groupId: id }), output: ok },
    // mutes and pins: a mute follows the user to their other devices (and waits in the outbox
    // while offline); the pin and "urgent messages still alert" are kept on this computer
    muteConversation: { input: v.object({ conversationId: id, duration: v.picklist(muteDurations) }), output: conversationSummarySchema },
    unmuteConversation: { input: v.object({ conversationId: id }), output: conversationSummarySchema },
    setConversationPinned: { input: v.object({ conversationId: id, pinned: v.boolean() }), output: conversationSummarySchema },
    setUrgentWhenMuted: { input: v.object({ conversationId: id, alert: v.boolean() }), output: conversationSummarySchema },
    getMetadata: { input: v.object({ entity: id }), output: v.record(v.string(), v.string()) },
    setMetadata: { input: v.object({ entity: id, values: metadataValues }), output: v.record(v.string(), v.string()) },
    clearMetadata: { input: v.object({ entity: id }), output: ok },

    // attachments
    attachmentPreview: {
      input: v.object({ messageId: id }),
      output: v.object({ bytes: v.instance(Uint8Array), contentType: v.string(), name: v.string() }),
    },
    saveAttachment: { input: v.object({ messageId: id }), output: v.object({ saved: v.boolean() }) },
    openAttachment: { input: v.object({ messageId: id }), output: ok },
    /**
     * The attachment image the user is right-clicking (its preview's blob: URL), told as the
     * page's contextmenu event starts, so that the context menu main shows for that very image
     * can offer "Save image…" (saveAttachment's save flow); any other image gets no such item.
     */
    contextTarget: { input: v.object({ messageId: id, src: v.pipe(v.string(), v.maxLength(2000), v.startsWith('blob:')) }), output: ok },

    // settings
    getSettings: { input: none, output: settingsSchema },
    /** The messages of one language's catalog, by key (the window holds English itself). */
    catalog: { input: v.object({ language: v.picklist(languages) }), output: v.record(v.string(), v.string()) },
    updateSettings: {
      input: v.partial(v.object({
        notificationPrivacy: notificationPrivacySchema,
        doNotDisturb: v.boolean(),
        doNotDisturbText: v.pipe(v.string(), v.trim(), v.maxLength(doNotDisturbTextMaxLength, `A Do Not Disturb message is at most ${doNotDisturbTextMaxLength} characters`)),
        doNotDisturbSchedule: doNotDisturbScheduleSchema,
        theme: v.picklist(['system', 'light', 'dark']),
        startAtLogin: v.boolean(),
        showMessagePreviews: v.boolean(),
        autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440)),
        quickReplies: quickRepliesSchema,
        language: v.picklist(['system', ...languages]),
        spellCheckLanguages: spellCheckLanguagesSchema,
      })),
      output: settingsSchema,
    },

    // the lock
    /** Locks the window now (Lock now, Ctrl+L); refused ('refused') where nothing could unlock it. */
    lockNow: { input: none, output: ok },
    /** Unlocks with the password or PIN; a wrong one is refused ('refused') and counted. */
    unlock: { input: v.object({ secret: unlockSecret }), output: ok },
    /** The lock screen's "Sign out" (shift handover): the password or PIN first, so a passer-by cannot erase queued messages. */
    signOutFromLock: { input: v.object({ secret: unlockSecret }), output: ok },
    /** Sets or changes the PIN; `current` is the password or the PIN set now (none needed for an account that has neither). */
    setUnlockPin: { input: v.object({ pin: v.pipe(v.string(), v.regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits')), current: v.optional(unlockSecret) }), output: lockStateSchema },
    removeUnlockPin: { input: v.object({ current: unlockSecret }), output: lockStateSchema },
    openExternalLink: { input: v.object({ url: v.pipe(v.string(), v.maxLength(2000), v.url()) }), output: ok },
  } satisfies Record<CallName, { input: v.GenericSchema; output: v.GenericSchema }>,

  /** What main pushes to the renderer. */
  events: {
    change: changeSetSchema,
    connection: connectionStateSchema,
    outbox: outboxStateSchema,
    session: sessionStateSchema,
    settings: settingsSchema,
    /** Who is typing, each named as messages name their sender. */
    typing: v.object({ conversationId: v.string(), people: v.array(v.object({ token: v.string(), name: v.string() })) }),
    openConversation: v.object({ conversationId: v.string() }),
    /**
     * The urgent messages still alerting changed, or some alert now (`sound`: play the alert
     * tone). `count` is how many alert; while the window is locked `alerts` is empty and only
     * the count is told, so the lock screen names no one.
     */
    urgentAlerts: v.object({ alerts: v.array(urgentAlertSchema), count: v.number(), sound: v.boolean() }),
  } satisfies Record<EventName, v.GenericSchema>,
} as const;

type Calls = typeof contract.calls;
export type CallInput<N extends CallName> = v.InferOutput<Calls[N]['input']>;
export type CallOutput<N extends CallName> = v.InferOutput<Calls[N]['output']>;

// ---- failures ----

/**
 * Why a call failed: the closed set the renderer switches on (it never reads the message to
 * decide anything; the message is only shown). main/window-api/error-codes.ts is the one place
 * that reads what a call handler threw and answers with one of these.
 */
export const errorCodes = [
  /** The call failed the contract's validation; nothing ran. */
  'invalid-call',
  /** The call needs a signed-in account and none is open. */
  'not-signed-in',
  /** The window is locked: unlock it first. */
  'locked',
  /** The server cannot be reached or did not answer in time. */
  'offline',
  /** The server refused the credentials (HTTP 401). */
  'unauthorized',
  /** The system keychain (or its fallback) cannot store or read the credentials. */
  'keychain-unavailable',
  /** The account is open in another TigerDesk process. */
  'account-busy',
  /** What the call names does not exist (here or on the server). */
  'not-found',
  /** The request was refused as it stands: the server's validation, the managed settings, a message that can no longer change. */
  'refused',
  /** A file or request over the size allowed. */
  'too-large',
  /** The disk is full: nothing was written. */
  'disk-full',
  /** The server failed or is overloaded (HTTP 5xx, 429, 408, a reply that cannot be read): asking later may work. */
  'server-error',
  /** Anything else. */
  'failed',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A failed call as main reports it: the code to decide on, and what to tell the user (worded by the window). */
export type CallFailure = { code: ErrorCode; text: UserText };

/** What main answers on every call channel: a value, or a typed refusal. */
export type CallReply<N extends CallName> = { ok: true; value: CallOutput<N> } | { ok: false; error: CallFailure };

type Events = typeof contract.events;
export type EventPayload<E extends EventName> = v.InferOutput<Events[E]>;

// An input that may be left out (the roster's page) is an optional argument.
type CallArguments<N extends CallName> = CallInput<N> extends undefined ? [] : undefined extends CallInput<N> ? [CallInput<N>?] : [CallInput<N>];

type EventSubscription = {
  /** Subscribes to one event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * `window.tiger` itself, as the preload exposes it: every call resolves to main's reply,
 * failures included. Electron's contextBridge hands the page only the message of an Error a
 * promise rejects with (its class and any other property are lost), while a plain object
 * crosses whole: so the code travels inside a resolved reply, never as a rejection.
 */
export type TigerBridge = { [N in CallName]: (...input: CallArguments<N>) => Promise<CallReply<N>> } & EventSubscription;

/**
 * The API the renderer's code uses, built over the bridge by renderer/src/tiger.ts: a call
 * resolves to its value, and a failure rejects with the renderer's TigerError, which carries
 * the reply's code and message.
 */
export type TigerApi = { [N in CallName]: (...input: CallArguments<N>) => Promise<CallOutput<N>> } & EventSubscription;

