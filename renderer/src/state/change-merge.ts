import type { ChangeSet, ConversationSummary, MessageView, OrganizationView, PersonView } from '../../../preload/contract';

/**
 * Folds the change sets of one frame into one: the last version of each conversation and
 * message (and person) wins, and a removal cancels an earlier update of the same item (and the reverse).
 */
export function mergeChangeSets(sets: readonly ChangeSet[]): ChangeSet {
  const conversations = new Map<string, ConversationSummary>();
  const removedConversations = new Set<string>();
  const messages = new Map<string, MessageView>();
  const removedMessages = new Map<string, { id: string; conversationId: string }>();
  const people = new Map<string, PersonView>();
  // Each set that carries them carries them whole: the last wins.
  let organizations: OrganizationView[] | undefined;
  for (const set of sets) {
    if (set.organizations !== undefined) organizations = set.organizations;
    for (const person of set.people) people.set(person.token, person);
    for (const id of set.removedConversations) {
      conversations.delete(id);
      removedConversations.add(id);
    }
    for (const conversation of set.conversations) {
      removedConversations.delete(conversation.id);
      conversations.set(conversation.id, conversation);
    }
    for (const removed of set.removedMessages) {
      messages.delete(removed.id);
      removedMessages.set(removed.id, removed);
    }
    for (const message of set.messages) {
      removedMessages.delete(message.id);
      messages.set(message.id, message);
    }
  }
  return {
    conversations: [...conversations.values()],
    removedConversations: [...removedConversations],
    messages: [...messages.values()],
    removedMessages: [...removedMessages.values()],
    people: [...people.values()],
    ...(organizations === undefined ? {} : { organizations }),
  };
}
