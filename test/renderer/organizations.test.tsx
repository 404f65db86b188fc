// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { changeSet, directoryPerson, lockState, organizationView, personView } from '../support/view-builders';
import { renderApp } from './render-app';

const hospital = organizationView('org-tgh', 'Tiger General Hospital');
const clinic = organizationView('org-nsc', 'Northside Clinic', { priorityAllowed: false, settingsRestricted: true, deleteOnRead: true });

function inTwoOrganizations(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.organizations = [hospital, clinic];
  const now = Date.now();
  fake.conversations.set('u-alex', conversation('u-alex', { name: 'Alex Morgan', organizationKey: 'org-tgh', unread: 2, lastActivity: now - 1000 }));
  fake.conversations.set('u-alex~org-nsc', conversation('u-alex~org-nsc', { name: 'Alex Morgan', peerToken: 'u-alex', organizationKey: 'org-nsc', unread: 3, unreadPriority: 1, lastActivity: now - 2000 }));
  fake.conversations.set('u-sam', conversation('u-sam', { name: 'Sam Patel', organizationKey: 'org-nsc', lastActivity: now - 3000 }));
  fake.people = [personView({ token: 'u-jordan', name: 'Jordan Lee' })];
  fake.directory = [directoryPerson({ token: 'u-jordan', name: 'Jordan Lee', organizationKey: 'org-nsc', organizationName: 'Northside Clinic' })];
  return fake;
}

const rowNames = () => within(screen.getByRole('list', { name: 'Conversations' })).queryAllByRole('listitem')
  .map((item) => item.querySelector('.conversation-name')?.textContent ?? '');

describe('several organizations in the window', () => {
  it("switches the roster between organizations, each with its unread count, and names each row's organization under All", async () => {
    renderApp(inTwoOrganizations());
    const switcher = await screen.findByRole('combobox', { name: 'Organization' });
    const options = within(switcher).getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['All organizations (5 unread, 1 urgent)', 'Tiger General Hospital (2 unread)', 'Northside Clinic (3 unread, 1 urgent)']);
    await waitFor(() => expect(rowNames()).toEqual(['Alex Morgan', 'Alex Morgan', 'Sam Patel']));
    expect(screen.getAllByText('Northside Clinic', { selector: '.organization-tag' })).toHaveLength(2);
    fireEvent.change(switcher, { target: { value: 'org-nsc' } });
    await waitFor(() => expect(rowNames()).toEqual(['Alex Morgan', 'Sam Patel']));
    expect(document.querySelectorAll('.conversation .organization-tag')).toHaveLength(0);
  });

  it('shows no switcher and names no organization for someone in one', async () => {
    const fake = inTwoOrganizations();
    fake.organizations = [hospital];
    renderApp(fake);
    await screen.findAllByText('Alex Morgan');
    expect(screen.queryByRole('combobox', { name: 'Organization' })).toBeNull();
    expect(document.querySelectorAll('.organization-tag')).toHaveLength(0);
  });

  it('names the organization in the thread header, and the composer follows what it allows', async () => {
    renderApp(inTwoOrganizations());
    fireEvent.click((await screen.findAllByText('Sam Patel'))[0]!);
    const header = await screen.findByRole('heading', { level: 2, name: 'Sam Patel' });
    expect(header.parentElement?.textContent).toContain('Northside Clinic');
    const priority = await screen.findByRole('combobox', { name: 'Priority' });
    expect(within(priority).queryByRole('option', { name: 'Urgent' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Expires after' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('checkbox', { name: 'Delete when read' })).toMatchObject({ disabled: true, checked: true });
    expect(screen.getByText('Set by your organization')).toBeTruthy();
  });

  it('asks which organization a new conversation starts in, and opens that conversation', async () => {
    const fake = inTwoOrganizations();
    const { state } = renderApp(fake);
    await screen.findAllByText('Alex Morgan');
    state.ui.dialog.value = { kind: 'new-conversation' };
    const dialog = await screen.findByRole('dialog', { name: 'New conversation' });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Organization' }), { target: { value: 'org-nsc' } });
    fireEvent.input(within(dialog).getByRole('searchbox'), { target: { value: 'Jordan' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: /Message/ }));
    expect(fake.callsOf('searchDirectory').at(-1)).toEqual({ query: 'Jordan', kinds: ['person', 'group'], organizationKey: 'org-nsc' });
    await waitFor(() => expect(fake.callsOf('startConversation')).toEqual([{ token: 'u-jordan', organizationKey: 'org-nsc' }]));
    await waitFor(() => expect(state.ui.selected.value).toBe('u-jordan~org-nsc'));
  });

  it('follows the organizations main pushes: one the user left is no longer shown', async () => {
    const fake = inTwoOrganizations();
    const { state } = renderApp(fake);
    const switcher = await screen.findByRole('combobox', { name: 'Organization' });
    fireEvent.change(switcher, { target: { value: 'org-nsc' } });
    await waitFor(() => expect(state.roster.organization.value).toBe('org-nsc'));
    fake.emit('change', changeSet({ organizations: [hospital] }));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Organization' })).toBeNull());
    expect(state.roster.organization.value).toBeNull();
  });
});

describe("an organization's PIN requirement (pin_lock)", () => {
  it('asks for a PIN until one is set, and offers no way to remove it', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState({ method: 'password', hasPassword: true, hasPin: false }) } });
    fake.organizations = [organizationView('org-tgh', 'Tiger General Hospital', { pinLock: true })];
    renderApp(fake);
    await screen.findByText('Your organization requires a PIN to unlock TigerDesk.', { exact: false });
    fireEvent.click(screen.getByRole('button', { name: 'Set a PIN' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const lock = within(dialog).getByRole('region', { name: 'Lock' });
    fireEvent.input(within(lock).getByLabelText('PIN'), { target: { value: '2468' } });
    fireEvent.input(within(lock).getByLabelText('Password'), { target: { value: 'correct horse' } });
    fireEvent.click(within(lock).getByRole('button', { name: 'Set PIN' }));
    await within(lock).findByText('The PIN was set.');
    await waitFor(() => expect(screen.queryByText('Your organization requires a PIN to unlock TigerDesk.', { exact: false })).toBeNull());
    expect(within(lock).queryByRole('button', { name: 'Remove PIN' })).toBeNull();
  });

  it('says nothing when no organization requires one', async () => {
    const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState({ method: 'password', hasPassword: true, hasPin: false }) } });
    fake.organizations = [hospital];
    renderApp(fake);
    await screen.findByRole('button', { name: 'Lock now' });
    expect(screen.queryByText('Your organization requires a PIN to unlock TigerDesk.', { exact: false })).toBeNull();
  });
});
