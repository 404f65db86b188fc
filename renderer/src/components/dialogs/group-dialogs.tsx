import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { DirectoryResult, PendingMemberChange, PersonView } from '../../../../preload/contract';
import { failureWording, wording, worded } from '../../format/error-text';
import type { Wording } from '../../format/error-text';
import { t } from '../../state/language';
import { createGroupMembers } from '../../state/group-members';
import { useApp } from '../app-context';
import { Avatar } from '../common/avatar';
import { Dialog } from '../common/dialog';
import { MetadataEditor } from './metadata-editor';
import { OrganizationChoice, useStartingOrganization } from './organization-choice';
import { DirectorySearch } from './directory-search';
import { ErrorAlert } from '../common/error-alert';
import { PictureField } from '../common/picture-field';

export function NewGroup() {
  const app = useApp();
  const name = useSignal('');
  const members = useSignal<PersonView[]>([]);
  const replayHistory = useSignal(true);
  const organization = useSignal(useStartingOrganization());
  const error = useSignal<Wording | null>(null);
  const busy = useSignal(false);
  const create = (event: Event) => {
    event.preventDefault();
    if (name.value.trim() === '') {
      error.value = wording('group.name-required');
      return;
    }
    if (members.value.length === 0) {
      error.value = wording('group.members-required');
      return;
    }
    busy.value = true;
    error.value = null;
    app.api
      .createGroup({
        name: name.value.trim(),
        members: members.value.map((person) => person.token),
        replayHistory: replayHistory.value,
        ...(app.organizations.several.peek() && organization.value !== null ? { organizationKey: organization.value } : {}),
      })
      .then(
        (group) => {
          app.roster.apply([group], []);
          app.openConversation(group.id, { name: group.name });
        },
        (failure: unknown) => (error.value = failureWording(failure, 'group.create-failed')),
      )
      .finally(() => (busy.value = false));
  };
  return (
    <Dialog title={t('group.new')} onClose={() => (app.ui.dialog.value = null)} wide>
      <form onSubmit={create}>
        <label class="field">
          <span>{t('group.name')}</span>
          <input value={name.value} maxLength={100} onInput={(event) => (name.value = event.currentTarget.value)} data-autofocus />
        </label>
        <OrganizationChoice chosen={organization} />
        <label class="inline">
          <input type="checkbox" checked={replayHistory.value} onChange={(event) => (replayHistory.value = event.currentTarget.checked)} />
          {t('group.replay-history')}
        </label>
        <h3>{t('group.members')}</h3>
        {members.value.length === 0 ? (
          <p class="subtle">{t('group.nobody-yet')}</p>
        ) : (
          <ul class="chips" aria-label={t('group.members-to-add')}>
            {members.value.map((person) => (
              <li key={person.token} class="chip">
                {person.name}
                <button type="button" class="icon-button" aria-label={t('group.remove-named', { name: person.name })} title={t('group.remove-named', { name: person.name })} onClick={() => (members.value = members.value.filter((m) => m.token !== person.token))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <ErrorAlert message={worded(error.value)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy.value}>
            {t('group.create')}
          </button>
        </div>
      </form>
      <DirectorySearch
        label={t('group.find-people')}
        kinds={['person']}
        organization={organization.value}
        autofocus={false}
        action={() => t('group.add')}
        exclude={members.value.map((m) => m.token)}
        onAction={(found) => found.kind === 'person' && (members.value = [...members.value, personOf(found)])}
      />
    </Dialog>
  );
}

/** A person found in the directory, as a member to add. */
function personOf(found: Extract<DirectoryResult, { kind: 'person' }>): PersonView {
  const { token, name, title, department, avatar, presence, dnd, dndText } = found;
  return { token, name, title, department, avatar, presence, dnd, ...(dndText === null ? {} : { dndText }) };
}

/** How a member change still in the outbox is marked beside the person. */
function pendingText(change: PendingMemberChange): string {
  if (change.change === 'add') return t(change.failed ? 'group.pending.add-failed' : 'group.pending.adding');
  return t(change.failed ? 'group.pending.remove-failed' : 'group.pending.removing');
}

export function GroupDetails({ groupId }: { groupId: string }) {
  const app = useApp();
  const membership = useMemo(() => createGroupMembers(app.api, groupId), [groupId]);
  useEffect(() => () => membership.dispose(), [membership]);
  // Read again whenever a change set touches this group or the outbox moves: a queued change may have landed.
  const summary = app.roster.watch(groupId);
  const outbox = app.connection.outbox.value;
  useEffect(() => membership.refresh(), [membership, summary, outbox]);
  const rename = useSignal<string | null>(null);
  const error = useSignal<Wording | null>(null);
  const notice = useSignal<Wording | null>(null);
  const confirming = useSignal<'leave' | 'delete' | null>(null);
  const adding = useSignal(false);
  const group = membership.info.value;
  const run = (call: () => Promise<unknown>, done: Wording, after?: () => void) => {
    error.value = null;
    notice.value = null;
    call().then(
      () => {
        notice.value = done;
        if (after) after();
        else membership.refresh();
      },
      (failure: unknown) => (error.value = failureWording(failure)),
    );
  };
  const leaveOrDelete = (kind: 'leave' | 'delete') => {
    if (confirming.value !== kind) {
      confirming.value = kind;
      return;
    }
    run(() => (kind === 'leave' ? app.api.leaveGroup({ groupId }) : app.api.deleteGroup({ groupId })), wording(kind === 'leave' ? 'group.left' : 'group.deleted'), () => {
      app.ui.dialog.value = null;
      app.ui.selected.value = null;
    });
  };
  const pending = membership.pending.value;
  const pendingOf = (token: string) => pending.find((change) => change.person.token === token && change.change === 'remove');
  const listed = new Set(group?.members.map((member) => member.token) ?? []);
  const arriving = pending.filter((change) => change.change === 'add' && !listed.has(change.person.token));
  const groupName = rename.value ?? group?.name ?? '';
  return (
    <Dialog title={group?.name ?? t('group.untitled')} onClose={() => (app.ui.dialog.value = null)} wide>
      {group === null ? (
        membership.loadError.value === null ? <p>{t('dialog.loading')}</p> : <p class="error">{worded(membership.loadError.value)}</p>
      ) : (
        <>
          <div class="profile">
            <Avatar name={group.name} token={groupId} avatar={group.avatar} group />
          </div>
          <form
            class="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (groupName.trim() === '') {
                error.value = wording('group.name-empty');
                return;
              }
              run(() => app.api.renameGroup({ groupId, name: groupName.trim() }), wording('group.renamed'));
            }}
          >
            <label class="field">
              <span>{t('group.name')}</span>
              <input value={groupName} maxLength={100} onInput={(event) => (rename.value = event.currentTarget.value)} />
            </label>
            <button type="submit">{t('group.rename')}</button>
          </form>
          <PictureField
            label={t('group.avatar')}
            onPicture={(avatar) => run(() => app.api.setGroupAvatar({ groupId, avatar }), wording('group.avatar-changed'))}
            onRefused={(reason) => (error.value = failureWording(reason))}
          />
          <h3>{t('group.members-counted', { count: group.members.length })}</h3>
          <ul class="people-list" aria-label={t('group.members')}>
            {group.members.map((member) => {
              const leaving = pendingOf(member.token);
              return (
                <li key={member.token} class="person-row">
                  <Avatar name={member.name} token={member.token} avatar={member.avatar} />
                  <span class="person-details">
                    <span>{member.name}</span>
                    <span class="subtle">{member.title ?? ''}</span>
                  </span>
                  {leaving !== undefined && <span class="tag">{pendingText(leaving)}</span>}
                  <button type="button" onClick={() => (app.ui.dialog.value = { kind: 'person', token: member.token })} aria-label={t('group.profile-of', { name: member.name })}>
                    {t('group.profile')}
                  </button>
                  <button
                    type="button"
                    disabled={leaving !== undefined && !leaving.failed}
                    onClick={() => run(() => app.api.removeGroupMembers({ groupId, members: [member.token] }), wording('group.will-be-removed', { name: member.name }))}
                    aria-label={t('group.remove-named', { name: member.name })}
                  >
                    {t('group.remove')}
                  </button>
                </li>
              );
            })}
            {arriving.map((change) => (
              <li key={`add:${change.person.token}`} class="person-row">
                <Avatar name={change.person.name} token={change.person.token} avatar={change.person.avatar} />
                <span class="person-details">
                  <span>{change.person.name}</span>
                  <span class="subtle">{change.person.title ?? ''}</span>
                </span>
                <span class="tag">{pendingText(change)}</span>
              </li>
            ))}
          </ul>
          {adding.value ? (
            <DirectorySearch
              label={t('group.find-people')}
              kinds={['person']}
              organization={summary?.organizationKey ?? null}
              action={() => t('group.add')}
              exclude={[...listed, ...arriving.map((change) => change.person.token)]}
              onAction={(found) => run(() => app.api.addGroupMembers({ groupId, members: [found.token] }), wording('group.will-be-added', { name: found.name }))}
            />
          ) : (
            <button type="button" onClick={() => (adding.value = true)}>
              {t('group.add-members')}
            </button>
          )}
          <MetadataEditor entity={groupId} />
          <div class="actions danger-zone">
            <button type="button" class={confirming.value === 'leave' ? 'danger' : undefined} onClick={() => leaveOrDelete('leave')}>
              {t(confirming.value === 'leave' ? 'group.confirm-leave' : 'group.leave')}
            </button>
            <button type="button" class="danger" onClick={() => leaveOrDelete('delete')}>
              {t(confirming.value === 'delete' ? 'group.confirm-delete' : 'group.delete')}
            </button>
          </div>
          {notice.value !== null && <p role="status">{worded(notice.value)}</p>}
          <ErrorAlert message={worded(error.value)} />
        </>
      )}
    </Dialog>
  );
}
