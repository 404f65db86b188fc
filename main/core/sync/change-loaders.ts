/** How sync and the outbox read back what a change touched, so the window gets both alike. */
import type { Store } from '../store/store';
import type { ChangeLoaders } from './change-collector';
import type { ViewQueries } from './view-queries';
import { toConversationSummary, toMessageView, toOrganizationView, toPersonView } from './views';

export function changeLoaders(store: Store, views: ViewQueries): ChangeLoaders {
  return {
    messages: (ids) => views.messages(ids).map(toMessageView),
    notifiable: (ids) => views.newestNotifiable(ids).map(toMessageView),
    conversations: (ids) => views.summariesOf(ids).map(toConversationSummary),
    people: (tokens) => tokens.map((token) => toPersonView(store.people.user(token), token)),
    organizations: () => store.organizations.list().map(toOrganizationView),
  };
}
