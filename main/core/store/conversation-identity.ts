/**
 * What makes a conversation one conversation: its kind, its counterparty (the other person, or
 * the group) and the organization it is held in. The same two people in two organizations
 * have two conversations (API.md, "Multi-org").
 *
 * The id every table keys on is derived from that, deterministically, so code that reads an
 * event can name the conversation without asking the database. A group's (or a distribution
 * list's) token is unique across organizations, and so is its id. A conversation with a person in the account's home
 * organization (the one it signed in with) keeps the bare token it had before there were
 * several organizations, so no stored row, queued send or draft is rewritten. One in another
 * organization adds that organization. Nothing parses an id: the counterparty and the
 * organization are columns of the conversation's row.
 */
import type { ConversationKind } from './messages';

export interface ConversationIdentity {
  kind: ConversationKind;
  /** The other person's token, or the group's or distribution list's. */
  peer: string;
  /** null: not known, taken to be the home organization. */
  organizationKey: string | null;
}

/** Between a person's token and an organization's in an id; neither kind of token carries it. */
const organizationSeparator = '~';

export function conversationIdOf(identity: ConversationIdentity, homeOrganization: string | null): string {
  const { kind, peer, organizationKey } = identity;
  // Without a home organization (not known to the caller) there is one organization only.
  if (kind !== 'user' || organizationKey === null || homeOrganization === null || organizationKey === homeOrganization) return peer;
  return `${peer}${organizationSeparator}${organizationKey}`;
}
