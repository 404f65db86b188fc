import { useSignal } from '@preact/signals';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
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
    <Dialog title={t('dialog.go-to')} onClose={() => (app.ui.dialog.value = null)}>
      <ConversationPicker
        label={t('dialog.conversation-name')}
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
  const error = useSignal<Wording | null>(null);
  const message = (found: DirectoryResult) => {
    error.value = null;
    openDirectoryResult(app, found, organization.value).catch(
      (failure: unknown) => (error.value = failureWording(failure, 'dialog.start-failed')),
    );
  };
  return (
    <Dialog title={t('dialog.new-conversation')} onClose={() => (app.ui.dialog.value = null)}>
      <OrganizationChoice chosen={organization} />
      <DirectorySearch label={t('dialog.search-people-groups')} kinds={['person', 'group']} organization={organization.value} action={() => t('dialog.message-action')} onAction={message} />
      <ErrorAlert message={worded(error.value)} />
      <p>
        <button type="button" class="link-button" onClick={() => (app.ui.dialog.value = { kind: 'new-group' })}>
          {t('dialog.create-group-instead')}
        </button>
      </p>
    </Dialog>
  );
}

export function Forward({ messageId }: { messageId: string }) {
  const app = useApp();
  const error = useSignal<Wording | null>(null);
  const done = useSignal<Wording | null>(null);
  return (
    <Dialog title={t('dialog.forward')} onClose={() => (app.ui.dialog.value = null)}>
      <ConversationPicker
        label={t('dialog.forward-to')}
        onChoose={(to) => {
          error.value = null;
          app.api.forwardMessage({ messageId, to }).then(
            () => {
              const name = app.roster.get(to)?.name;
              done.value = name === undefined ? wording('dialog.forwarded-unnamed') : wording('dialog.forwarded', { name });
            },
            (failure: unknown) => (error.value = failureWording(failure, 'dialog.not-forwarded')),
          );
        }}
      />
      {done.value !== null && <p role="status">{worded(done.value)}</p>}
      <ErrorAlert message={worded(error.value)} />
    </Dialog>
  );
}
