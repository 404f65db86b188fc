import { signal } from '@preact/signals';
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { CallInput, Priority, TigerApi } from '../../../preload/contract';
import { failureWording, wording } from '../format/error-text';
import type { Wording } from '../format/error-text';

export const maxAttachmentBytes = 25 * 1024 * 1024;
const draftSaveDelayMs = 300;

type SendInput = CallInput<'sendMessage'>;
type AttachmentChoice = NonNullable<SendInput['attachment']>;

/** An attachment waiting in the composer, with what the person needs to recognise it. */
export type PendingAttachment = { choice: AttachmentChoice; name: string; size: number; contentType: string };

export type ComposerStore = {
  readonly conversationId: ReadonlySignal<string | null>;
  readonly text: ReadonlySignal<string>;
  readonly attachment: Signal<PendingAttachment | null>;
  readonly ttlMinutes: Signal<number | null>;
  /** null: the organization's default (main fills it in). */
  readonly deleteOnRead: Signal<boolean | null>;
  readonly priority: Signal<Priority>;
  readonly sending: ReadonlySignal<boolean>;
  /** Why the last action failed, worded when shown. */
  readonly error: Signal<Wording | null>;
  open(conversationId: string | null): Promise<void>;
  setText(text: string): void;
  /** Writes a draft that is still waiting for its save delay. */
  flushDraft(): Promise<void>;
  attachFile(file: File): Promise<void>;
  pick(): Promise<void>;
  send(): Promise<boolean>;
  /** Sends a quick reply's text as it is, at once; the box's own text and options stay as they are. */
  sendQuickReply(reply: string): Promise<boolean>;
};

type ComposerApi = Pick<TigerApi, 'getDraft' | 'setDraft' | 'sendMessage' | 'pickAttachment'>;

/** Browsers leave `type` empty for unknown files; the contract wants a content type. */
function contentTypeOf(file: File): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream';
}

export function createComposerStore(api: ComposerApi): ComposerStore {
  const conversationId = signal<string | null>(null);
  const text = signal('');
  const attachment = signal<PendingAttachment | null>(null);
  const ttlMinutes = signal<number | null>(null);
  const deleteOnRead = signal<boolean | null>(null);
  const priority = signal<Priority>('normal');
  const sending = signal(false);
  const error = signal<Wording | null>(null);
  // A quick reply is one click, one message: a second click while it is on its way is not another.
  let sendingQuickReply = false;
  let pendingSave: { conversationId: string; text: string; timer: ReturnType<typeof setTimeout> } | null = null;
  // Typing before the stored draft arrives must not be overwritten by it.
  let typedSinceOpen = false;

  const flushDraft = async (): Promise<void> => {
    if (pendingSave === null) return;
    const save = pendingSave;
    pendingSave = null;
    clearTimeout(save.timer);
    try {
      await api.setDraft({ conversationId: save.conversationId, text: save.text });
    } catch (failure) {
      error.value = failureWording(failure, 'composer.draft-not-saved');
    }
  };

  const resetOptions = (): void => {
    attachment.value = null;
    ttlMinutes.value = null;
    deleteOnRead.value = null;
    priority.value = 'normal';
  };

  return {
    conversationId,
    text,
    attachment,
    ttlMinutes,
    deleteOnRead,
    priority,
    sending,
    error,
    flushDraft,
    async open(id) {
      if (id === conversationId.peek()) return;
      // The box switches at once; the previous conversation's draft is written meanwhile.
      const saving = flushDraft();
      conversationId.value = id;
      text.value = '';
      error.value = null;
      typedSinceOpen = false;
      resetOptions();
      await saving;
      if (id === null) return;
      try {
        const draft = await api.getDraft({ conversationId: id });
        if (conversationId.peek() === id && !typedSinceOpen) text.value = draft.text;
      } catch (failure) {
        error.value = failureWording(failure, 'composer.draft-not-loaded');
      }
    },
    setText(next) {
      typedSinceOpen = true;
      text.value = next;
      const id = conversationId.peek();
      if (id === null) return;
      if (pendingSave !== null) clearTimeout(pendingSave.timer);
      pendingSave = { conversationId: id, text: next, timer: setTimeout(() => void flushDraft(), draftSaveDelayMs) };
    },
    async attachFile(file) {
      if (file.size > maxAttachmentBytes) {
        error.value = wording('composer.too-large', { name: file.name });
        return;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const name = file.name.slice(0, 255) || 'attachment';
      const contentType = contentTypeOf(file);
      attachment.value = { choice: { kind: 'bytes', file: { name, contentType, bytes } }, name, size: file.size, contentType };
      error.value = null;
    },
    async pick() {
      try {
        const picked = await api.pickAttachment();
        if (picked === null) return;
        attachment.value = { choice: { kind: 'picked', pickId: picked.pickId }, name: picked.name, size: picked.size, contentType: picked.contentType };
        error.value = null;
      } catch (failure) {
        error.value = failureWording(failure, 'composer.attach-failed');
      }
    },
    async send() {
      const id = conversationId.peek();
      const body = text.peek();
      const attached = attachment.peek();
      if (id === null || sending.peek()) return false;
      if (body.trim() === '' && attached === null) return false;
      const input: SendInput = { conversationId: id, body, priority: priority.peek() };
      const deleting = deleteOnRead.peek();
      if (deleting !== null) input.deleteOnRead = deleting;
      if (attached !== null) input.attachment = attached.choice;
      const ttl = ttlMinutes.peek();
      if (ttl !== null) input.ttlMinutes = ttl;
      sending.value = true;
      try {
        await api.sendMessage(input);
      } catch (failure) {
        // The text stays in the box: nothing the person wrote is lost.
        error.value = failureWording(failure, 'composer.not-sent');
        return false;
      } finally {
        sending.value = false;
      }
      error.value = null;
      if (pendingSave !== null) clearTimeout(pendingSave.timer);
      pendingSave = null;
      if (conversationId.peek() === id) {
        text.value = '';
        resetOptions();
      }
      await api.setDraft({ conversationId: id, text: '' }).catch(() => undefined);
      return true;
    },
    async sendQuickReply(reply) {
      const id = conversationId.peek();
      if (id === null || sendingQuickReply) return false;
      sendingQuickReply = true;
      try {
        await api.sendMessage({ conversationId: id, body: reply });
      } catch (failure) {
        error.value = failureWording(failure, 'composer.not-sent');
        return false;
      } finally {
        sendingQuickReply = false;
      }
      error.value = null;
      return true;
    },
  };
}
