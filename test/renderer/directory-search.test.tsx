// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, conversation, createFakeTiger } from './fake-tiger';
import type { FakeTiger } from './fake-tiger';
import { directoryGroup, directoryPerson, lockState, organizationView, personView } from '../support/view-builders';
import { renderApp } from './render-app';

const hospital = organizationView('org-tgh', 'Tiger General Hospital');
const clinic = organizationView('org-nsc', 'Northside Clinic');

/** Jordan Lee held here; another Jordan Lee, in another department, only in the directory. */
function withDirectory(): FakeTiger {
  const fake = createFakeTiger({ session: { kind: 'signed-in', account, lock: lockState() } });
  fake.organizations = [hospital];
  fake.conversations.set('u-ann', conversation('u-ann', { name: 'Ann Lee', organizationKey: 'org-tgh' }));
  fake.people = [personView({ token: 'u-jordan', name: 'Jordan Lee', title: 'Registrar', department: 'Cardiology' })];
  fake.directory = [
    directoryPerson({ token: 'u-jordan-2', name: 'Jordan Lee', title: 'Charge nurse', department: 'ICU', dnd: true, dndText: 'In theatre until 3' }),
    directoryGroup({ token: 'g-jordan', name: 'Jordan ward rota', members: 6 }),
    directoryPerson({ token: 'u-morgan', name: 'Alex Morgan' }),
  ];
  return fake;
}

async function newConversation(fake: FakeTiger) {
  const { state } = renderApp(fake);
  await screen.findAllByText('Ann Lee');
  state.ui.dialog.value = { kind: 'new-conversation' };
  const dialog = await screen.findByRole('dialog', { name: 'New conversation' });
  return { state, dialog, box: within(dialog).getByRole('searchbox', { name: 'Search people and groups' }) };
}

const rowsOf = (dialog: HTMLElement) => within(within(dialog).getByRole('list', { name: 'People found' })).queryAllByRole('listitem')
  .map((row) => row.querySelector('.person-details')?.textContent ?? '');

describe('directory search in the window', () => {
  it('finds people and groups as the user types, held ones first, each told apart by title, department and organization', async () => {
    const fake = withDirectory();
    const { dialog, box } = await newConversation(fake);
    expect(box.getAttribute('placeholder')).toBe('Name, email or phone, or a group name');
    fireEvent.input(box, { target: { value: 'j' } });
    fireEvent.input(box, { target: { value: 'jo' } });
    fireEvent.input(box, { target: { value: 'jor' } });
    await waitFor(() => expect(rowsOf(dialog)).toEqual([
      'Jordan LeeRegistrar · Cardiology · Tiger General Hospital',
      'Jordan LeeCharge nurse · ICU · Tiger General HospitalDo not disturb: In theatre until 3',
      'Jordan ward rotaGroup of 6 · Tiger General Hospital',
    ]));
    // Debounced: one search for what was typed by the pause, in the organization chosen.
    expect(fake.callsOf('searchDirectory')).toEqual([{ query: 'jor', kinds: ['person', 'group'], organizationKey: 'org-tgh' }]);
  });

  it('opens the conversation with the person picked, in the organization they were found in', async () => {
    const fake = withDirectory();
    const { state, dialog, box } = await newConversation(fake);
    fireEvent.input(box, { target: { value: 'jor' } });
    const buttons = await within(dialog).findAllByRole('button', { name: 'Message Jordan Lee' });
    fireEvent.click(buttons[1]!);
    await waitFor(() => expect(state.ui.selected.value).toBe('u-jordan-2'));
    expect(fake.callsOf('startConversation')).toEqual([{ token: 'u-jordan-2', organizationKey: 'org-tgh' }]);
  });

  it('opens a group found by its own conversation', async () => {
    const fake = withDirectory();
    const { state, dialog, box } = await newConversation(fake);
    fireEvent.input(box, { target: { value: 'ward' } });
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Message Jordan ward rota' }));
    await waitFor(() => expect(state.ui.selected.value).toBe('g-jordan'));
    expect(fake.callsOf('startConversation')).toEqual([]);
  });

  it('never lets a stale reply overwrite a newer one', async () => {
    const fake = withDirectory();
    const releases = new Map<string, () => void>();
    fake.directoryGate = (query) => new Promise<void>((resolve) => releases.set(query, resolve));
    const { dialog, box } = await newConversation(fake);
    fireEvent.input(box, { target: { value: 'alex' } });
    await waitFor(() => expect(releases.has('alex')).toBe(true));
    fireEvent.input(box, { target: { value: 'jor' } });
    await waitFor(() => expect(releases.has('jor')).toBe(true));
    releases.get('jor')!();
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(3));
    releases.get('alex')!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rowsOf(dialog).every((row) => row.startsWith('Jordan'))).toBe(true);
  });

  it('asks for the next page as the list is scrolled to its end, with the continuation', async () => {
    const fake = withDirectory();
    fake.directory = ['Ann', 'Ben', 'Cas', 'Dee', 'Eve'].map((first) => directoryPerson({ token: `u-${first}`, name: `${first} Quinn` }));
    fake.directoryPageSize = 2;
    const { dialog, box } = await newConversation(fake);
    fireEvent.input(box, { target: { value: 'quinn' } });
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(2));
    const list = within(dialog).getByRole('list', { name: 'People found' });
    fireEvent.scroll(list);
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(4));
    fireEvent.click(within(dialog).getByRole('button', { name: 'More results' }));
    await waitFor(() => expect(rowsOf(dialog).map((row) => row.split(' ')[0])).toEqual(['Ann', 'Ben', 'Cas', 'Dee', 'Eve']));
    expect(within(dialog).queryByRole('button', { name: 'More results' })).toBeNull();
    expect(fake.callsOf('searchDirectory').map((input) => (input as { continuation?: string }).continuation)).toEqual([undefined, '2', '4']);
  });

  it('says so when the server cannot be reached and only people held here are shown', async () => {
    const fake = withDirectory();
    fake.directoryOffline = true;
    const { dialog, box } = await newConversation(fake);
    fireEvent.input(box, { target: { value: 'jor' } });
    expect((await within(dialog).findByRole('status')).textContent).toBe('Offline: showing people held on this computer.');
    expect(rowsOf(dialog)).toEqual(['Jordan LeeRegistrar · Cardiology · Tiger General Hospital']);
  });

  it('searches in the organization chosen in the dialog', async () => {
    const fake = withDirectory();
    fake.organizations = [hospital, clinic];
    fake.directory.push(directoryPerson({ token: 'u-jordan', name: 'Jordan Lee', title: 'Registrar', organizationKey: 'org-nsc', organizationName: 'Northside Clinic' }));
    const { dialog, box } = await newConversation(fake);
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Organization' }), { target: { value: 'org-nsc' } });
    fireEvent.input(box, { target: { value: 'jor' } });
    await waitFor(() => expect(rowsOf(dialog)).toEqual(['Jordan LeeRegistrar · Northside Clinic']));
    expect(fake.callsOf('searchDirectory').at(-1)).toMatchObject({ organizationKey: 'org-nsc' });
  });

  it('finds people only for the group member picker', async () => {
    const fake = withDirectory();
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    const box = within(dialog).getByRole('searchbox', { name: 'Find people to add' });
    expect(box.getAttribute('placeholder')).toBe('Name, email or phone');
    fireEvent.input(box, { target: { value: 'jor' } });
    await waitFor(() => expect(rowsOf(dialog)).toHaveLength(2));
    expect(fake.callsOf('searchDirectory')).toHaveLength(1);
    expect(fake.callsOf('searchDirectory')[0]).toMatchObject({ query: 'jor', kinds: ['person'] });
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Add Jordan Lee' })[1]!);
    expect(within(within(dialog).getByRole('list', { name: 'Members to add' })).getByText('Jordan Lee')).toBeTruthy();
    expect(rowsOf(dialog)).toHaveLength(1);
  });

  it('shows people and groups below the roster filter, and opens one', async () => {
    const fake = withDirectory();
    const { state } = renderApp(fake);
    await screen.findAllByText('Ann Lee');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Filter conversations and search messages' }), { target: { value: 'jor' } });
    const section = await screen.findByRole('region', { name: 'People and groups' });
    await waitFor(() => expect(rowsOf(section)).toHaveLength(3));
    fireEvent.click(within(section).getByRole('button', { name: 'Open Jordan ward rota' }));
    await waitFor(() => expect(state.ui.selected.value).toBe('g-jordan'));
  });
});
