import { useSignal } from '@preact/signals';
import { errorText } from '../../format/error-text';
import { useApp } from '../app-context';
import { Dialog } from '../common/dialog';
import { ConversationPicker } from './conversation-picker';
import { PeopleSearch } from './people-search';
import { ErrorAlert } from '../common/error-alert';

export function QuickSwitcher() {
  const app = useApp();
  return (
    <Dialog title="Go to conversation" onClose={() => (app.ui.dialog.value = null)}>
      <ConversationPicker
        label="Conversation name"
        onChoose={(id) => {
          app.openConversation(id);
          app.ui.focusComposer.value += 1;
        }}
      />
    </Dialog>
  );
}

export function NewConversation() {
  const app = useApp();
  return (
    <Dialog title="New conversation" onClose={() => (app.ui.dialog.value = null)}>
      <PeopleSearch label="Search people" action={() => 'Message'} onAction={(person) => {
        app.openConversation(person.token, { name: person.name });
        app.ui.focusComposer.value += 1;
      }} />
      <p>
        <button type="button" class="link-button" onClick={() => (app.ui.dialog.value = { kind: 'new-group' })}>
          Create a group instead
        </button>
      </p>
    </Dialog>
  );
}

export function Forward({ messageId }: { messageId: string }) {
  const app = useApp();
  const error = useSignal<string | null>(null);
  const done = useSignal<string | null>(null);
  return (
    <Dialog title="Forward message" onClose={() => (app.ui.dialog.value = null)}>
      <ConversationPicker
        label="Forward to"
        onChoose={(to) => {
          error.value = null;
          app.api.forwardMessage({ messageId, to }).then(
            () => (done.value = `Forwarded to ${app.roster.get(to)?.name ?? 'the conversation'}.`),
            (failure: unknown) => (error.value = `Not forwarded: ${errorText(failure)}`),
          );
        }}
      />
      {done.value !== null && <p role="status">{done.value}</p>}
      <ErrorAlert message={error.value} />
    </Dialog>
  );
}
