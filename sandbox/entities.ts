import type { AccountRow, OrganizationRow, OrganizationSettingRow } from './store/accounts';
import type { DistributionListRow } from './store/distribution-lists';
import type { GroupRow } from './store/groups';
import type { MessageRow, StatusName } from './store/messages';

/** The JSON the API shows for stored rows: one place, so events and replies always agree. */

export const ACCOUNT_TYPE = 'tigertext:entity:account';
export const GROUP_TYPE = 'tigertext:entity:group';
export const DISTRIBUTION_LIST_TYPE = 'tigertext:entity:distribution_list';

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * `baseUrl`: `http://127.0.0.1:PORT`, where the person's picture is served (see person-avatar.ts).
 * `organizationKey`: the organization the person is seen in; default their home organization.
 */
export function userEntity(row: AccountRow, baseUrl: string, organizationKey: string = row.organization_key) {
  return {
    token: row.token,
    display_name: row.display_name,
    first_name: row.first_name,
    last_name: row.last_name,
    username: row.username,
    avatar: `${baseUrl}/v2/user/${encodeURIComponent(row.token)}/avatar${versionQuery(row.avatar_version)}`,
    title: row.title,
    department: row.department,
    status: row.status,
    dnd: row.dnd === 1,
    dnd_text: row.dnd_text,
    organization_key: organizationKey,
  };
}

export function organizationEntity(row: OrganizationRow, members: number, settings: readonly OrganizationSettingRow[]) {
  return { token: row.token, name: row.name, members, settings: settings.map(({ name, value }) => ({ name, value })) };
}

/** A changed picture gets a new address; a never-changed one keeps the plain address. */
function versionQuery(version: number): string {
  return version === 0 ? '' : `?v=${version}`;
}

export function groupEntity(row: GroupRow, members: readonly string[], baseUrl: string) {
  return {
    token: row.token,
    name: row.name,
    members: [...members],
    num_members: members.length,
    created_by: row.created_by,
    created_time: isoTime(row.created_time),
    avatar: row.avatar_type === null ? null : `${baseUrl}/v2/group/${row.token}/avatar${versionQuery(row.avatar_version)}`,
    replay_history: row.replay_history === 1,
    organization_key: row.organization_key,
  };
}

/** `GET /dist_list/{token}`'s fields (API.md, "Beyond the seed"). */
export function distributionListEntity(row: DistributionListRow, totalMembers: number) {
  return {
    token: row.token,
    display_name: row.name,
    total_members: totalMembers,
    avatar: row.avatar,
    organization_key: row.organization_key,
  };
}

export function messagePayload(row: MessageRow, status: StatusName) {
  const payload: Record<string, unknown> = {
    message_id: row.token,
    client_id: row.token,
    sender: row.sender_token,
    sender_token: row.sender_token,
    recipient: row.recipient_token,
    recipient_token: row.recipient_token,
    sender_organization: row.sender_organization,
    recipient_organization: row.recipient_organization,
    body: row.body,
    created_time: isoTime(row.created_time),
    ttl: row.ttl,
    dor: row.dor === 1,
    priority: row.priority,
    status,
    is_recalled: row.is_recalled === 1,
    attachments:
      row.attachment_type === null
        ? []
        : [{ attachment_id: '1', 'content-type': row.attachment_type, size: row.attachment_size }],
    attachment_name: row.attachment_name,
    data: JSON.parse(row.data) as unknown,
  };
  if (row.group_token !== null) payload.group_token = row.group_token;
  if (row.original_sender !== null) {
    payload.original_sender = row.original_sender;
    payload.original_timestamp = isoTime(row.original_timestamp ?? row.created_time);
  }
  return payload;
}
