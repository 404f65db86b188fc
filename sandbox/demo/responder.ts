import type { SandboxContext } from '../context';
import { sendMessage, updateStatuses } from '../messaging';
import type { MessageRow } from '../store/messages';
import { notifyTyping } from '../typing';
import { DEMO_RESPONDER } from './accounts';

const REPLIES = [
  'Got it, thanks. I will take a look now.',
  'Copy that. Bed 12 is being cleaned; ETA 20 minutes.',
  'On it. I will page the attending if anything changes.',
  'Thanks for the heads-up. Labs are drawn and on the way.',
  'Understood. I will let the family know.',
];

/**
 * Makes the demo responder behave like a colleague: when messaged 1:1 it marks the message
 * delivered, starts typing, marks it read, then stops typing and replies. `stepMs` spaces the
 * steps (tests shorten it).
 */
export function startDemoResponder(ctx: SandboxContext, stepMs: number): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let replies = 0;
  const later = (delay: number, step: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        step();
      } catch {
        // The message may have been recalled or have expired meanwhile: the conversation just stops.
      }
    }, delay);
    timers.add(timer);
  };
  const listener = (message: MessageRow): void => {
    const responder = ctx.accounts.byUsername(DEMO_RESPONDER);
    if (responder === undefined || message.group_token !== null) return;
    if (message.recipient_token !== responder.token || message.sender_token === responder.token) return;
    const sender = ctx.accounts.byToken(message.sender_token);
    const organization = ctx.accounts.organization(message.recipient_organization);
    if (sender === undefined || organization === undefined) return;
    later(stepMs, () => {
      updateStatuses(ctx, responder, [message.token], []);
      notifyTyping(ctx, responder, sender.token, true, organization);
    });
    later(stepMs * 2, () => updateStatuses(ctx, responder, [], [message.token]));
    later(stepMs * 4, () => {
      notifyTyping(ctx, responder, sender.token, false, organization);
      const body = REPLIES[replies++ % REPLIES.length]!;
      // In the organization it was asked in: the same two people in another one are another conversation.
      sendMessage(ctx, responder, {
        recipient: sender.token,
        body,
        ttl: message.ttl,
        senderOrganization: message.recipient_organization,
        recipientOrganization: message.sender_organization,
      });
    });
  };
  ctx.messageListeners.push(listener);
  return () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    ctx.messageListeners.splice(ctx.messageListeners.indexOf(listener), 1);
  };
}
