import { useSignal } from '@preact/signals';
import { errorText } from '../../format/error-text';
import { useApp } from '../app-context';
import { Dialog } from '../common/dialog';
import type { DirectoryResult } from '../../../../preload/contract';
import { ConversationPicker } from './conversation-picker';
import { OrganizationChoice, useStartingOrganization } from './organization-choice';
import { DirectorySearch, openDirectoryResult } from './directory-search';
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
  const organization = useSignal(useStartingOrganization());
  const error = useSignal<string | null>(null);
  const message = (found: DirectoryResult) => {
    error.value = null;
    openDirectoryResult(app, found, organization.value).catch(
      (failure: unknown) => (error.value = `The conversation could not be started: ${errorText(failure)}`),
    );
  };
  return (
    <Dialog title="New conversation" onClose={() => (app.ui.dialog.value = null)}>
      <OrganizationChoice chosen={organization} />
      <DirectorySearch label="Search people and groups" kinds={['person', 'group']} organization={organization.value} action={() => 'Message'} onAction={message} />
      <ErrorAlert message={error.value} />
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
