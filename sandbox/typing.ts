import { requireMember } from './addresses';
import type { SandboxContext } from './context';
import { forbidden, notFound } from './errors';
import { findAccountByUserId } from './sessions';
import type { AccountRow, OrganizationRow } from './store/accounts';

/**
 * Typing is transient: it goes only to streams open now that asked for `is-typing`, and is never
 * stored for replay. Unknown addresses are a 404 here (typing never creates an account). It
 * happens in an organization (`TT-X-Organization-Key`): the person typed to must belong to it,
 * a group must be in it, and the event names it as `organization_id`.
 */
export function notifyTyping(
  ctx: SandboxContext,
  caller: AccountRow,
  address: string,
  typing: boolean,
  organization: OrganizationRow,
): void {
  const status = typing ? 'typing' : 'stopped';
  const group = ctx.groups.get(address.trim());
  if (group !== undefined && group.deleted === 0) {
    if (!ctx.groups.isMember(group.token, caller.token)) {
      throw forbidden(`you are not a member of group ${group.token}`);
    }
    if (group.organization_key !== organization.token) {
      throw forbidden(`"TT-X-Organization-Key": group ${group.token} is not in organization ${organization.token}`);
    }
    const others = ctx.groups.members(group.token).filter((member) => member !== caller.token);
    ctx.fanout.transient(
      others,
      'message:is_typing',
      { sender_token: caller.token, group_token: group.token, status, organization_id: organization.token },
      'is-typing',
    );
    return;
  }
  const account = findAccountByUserId(ctx, address);
  if (account === undefined) throw notFound(`unknown recipient: ${address}`);
  requireMember(ctx, account, organization.token, 'TT-X-Organization-Key');
  ctx.fanout.transient(
    [account.token],
    'message:is_typing',
    { sender_token: caller.token, status, organization_id: organization.token },
    'is-typing',
  );
}
