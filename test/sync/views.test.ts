import { describe, expect, it } from 'vitest';
import { conversationName, previewOf, priorityName, RECALLED_PREVIEW, toConversationSummary, toPersonView, type SummaryRow } from '../../main/core/sync/views';

const row = (fields: Partial<SummaryRow>): SummaryRow => ({
  id: 'user-x', kind: 'user', organization_key: null, conversation_name: null, last_activity: 0, display_name: null, first_name: null, last_name: null,
  username: null, user_avatar: null, group_name: null, group_avatar: null, list_name: null, list_avatar: null, list_members: null, unread: 0, unread_priority: 0, last_id: null,
  last_sender: null, last_direction: null, last_body: null, last_priority: null, last_status: null, last_recalled: null,
  last_has_attachment: null, last_attachment_name: null, muted_until: null, pinned_at: null, urgent_when_muted: 1, ...fields,
  peer_token: fields.peer_token ?? fields.id ?? 'user-x',
});

describe('views', () => {
  it('names a person by display name, else first and last name, else username, else token', () => {
    expect(conversationName(row({ display_name: 'Dr A', first_name: 'Ann' }))).toBe('Dr A');
    expect(conversationName(row({ first_name: 'Ann', last_name: 'Lee', username: 'alee' }))).toBe('Ann Lee');
    expect(conversationName(row({ last_name: 'Lee' }))).toBe('Lee');
    expect(conversationName(row({ username: 'alee', display_name: '  ' }))).toBe('alee');
    expect(conversationName(row({}))).toBe('user-x');
  });

  it('names a group by its name, else the roster name, else its token', () => {
    expect(conversationName(row({ id: 'g', kind: 'group', group_name: 'ICU', conversation_name: 'old' }))).toBe('ICU');
    expect(conversationName(row({ id: 'g', kind: 'group', conversation_name: 'From roster' }))).toBe('From roster');
    expect(conversationName(row({ id: 'g', kind: 'group', display_name: 'not a group field' }))).toBe('g');
  });

  it('names a distribution list by its name and tells its size; a list whose size is not read yet has none', () => {
    const list = row({ id: 'dl-night', kind: 'list', list_name: 'Night shift nurses', list_avatar: 'https://x/a.png', list_members: 4, display_name: 'not a person' });
    expect(conversationName(list)).toBe('Night shift nurses');
    expect(toConversationSummary(list)).toMatchObject({ kind: 'list', name: 'Night shift nurses', avatar: 'https://x/a.png', memberCount: 4 });
    expect(toConversationSummary(row({ id: 'dl-new', kind: 'list', conversation_name: 'On call' }))).not.toHaveProperty('memberCount');
    expect(conversationName(row({ id: 'dl-new', kind: 'list', conversation_name: 'On call' }))).toBe('On call');
    expect(toConversationSummary(row({ id: 'g', kind: 'group', list_members: 9 }))).not.toHaveProperty('memberCount');
  });

  it('shows a person by the one display name, their blank fields as nothing, and someone never described by token', () => {
    const user = {
      token: 'u-ann', displayName: ' ', firstName: 'Ann', lastName: 'Lee', username: 'alee', avatar: '', title: 'Charge Nurse',
      department: '  ', status: null, dnd: true, dndText: null, organizationKey: null, presence: 'available' as const, updatedAt: 0,
    };
    expect(toPersonView(user, 'u-ann')).toEqual({
      token: 'u-ann', name: 'Ann Lee', title: 'Charge Nurse', department: null, avatar: null, presence: 'available', dnd: true,
    });
    expect(toPersonView(undefined, 'u-zed')).toEqual({
      token: 'u-zed', name: 'u-zed', title: null, department: null, avatar: null, presence: 'unknown', dnd: false,
    });
  });

  it('previews the text on one line, cut to 200 characters, else the attachment, else the recall', () => {
    expect(previewOf({ body: ' two\nlines ', recalled: false, attachmentName: null, hasAttachment: false })).toBe('two lines');
    const long = previewOf({ body: 'x'.repeat(500), recalled: false, attachmentName: null, hasAttachment: false });
    expect([long.length, long.endsWith('…')]).toEqual([200, true]);
    expect(previewOf({ body: '', recalled: false, attachmentName: 'lab.pdf', hasAttachment: true })).toBe('Attachment: lab.pdf');
    expect(previewOf({ body: 'was here', recalled: true, attachmentName: null, hasAttachment: false })).toBe(RECALLED_PREVIEW);
  });

  it('names the priorities -1, 0 and 1 low, normal and high', () => {
    expect([priorityName(-1), priorityName(0), priorityName(1)]).toEqual(['low', 'normal', 'high']);
  });
});
